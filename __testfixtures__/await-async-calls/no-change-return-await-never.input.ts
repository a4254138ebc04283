export async function loadUser(id: string) {
  try {
    return fetchUser(id);
  } catch (error) {
    return fetchUser("guest");
  } finally {
    console.info("loaded", id);
  }
}
