export async function resolveUser(id: string, fallback: User) {
  const user = (await fetchUser(id)) || fallback;
  if ((await fetchUser(id)) && fallback.active) {
    console.info("both present");
  }
  const admin = (await fetchUser("admin")) ?? fallback;
  console.info(user, admin);
}
