export async function connectUser(id: string) {
  const manager = createWebSocketManager(fetchUser(id));
  const referrer = fetchUser(fetchUser(id).referrerId);
  manager.open(referrer);
}
