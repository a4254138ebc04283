export async function checkUser(id: string) {
  if (!fetchUser(id)) {
    throw new Error(`missing user ${id}`);
  }
  const kind = typeof fetchUser(id);
  console.info(kind);
}
