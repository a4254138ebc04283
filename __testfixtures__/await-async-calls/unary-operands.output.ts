export async function checkUser(id: string) {
  if (!(await fetchUser(id))) {
    throw new Error(`missing user ${id}`);
  }
  const kind = typeof (await fetchUser(id));
  console.info(kind);
}
