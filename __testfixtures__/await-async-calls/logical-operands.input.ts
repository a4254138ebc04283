export async function resolveUser(id: string, fallback: User) {
  const user = fetchUser(id) || fallback;
  if (fetchUser(id) && fallback.active) {
    console.info("both present");
  }
  const admin = fetchUser("admin") ?? fallback;
  console.info(user, admin);
}
