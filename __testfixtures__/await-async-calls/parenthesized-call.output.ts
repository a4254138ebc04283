export async function openManager(ctx: Context) {
  const manager = (await createWebSocketManager(ctx));
  (await fetchUser(ctx.userId)).touch();
  manager.open();
}
