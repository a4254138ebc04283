export async function connectUser(id: string) {
  const manager = await createWebSocketManager(await fetchUser(id));
  const referrer = await fetchUser((await fetchUser(id)).referrerId);
  manager.open(referrer);
}
