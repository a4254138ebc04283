export async function openManager(ctx: Context) {
  const manager = (createWebSocketManager(ctx));
  (fetchUser(ctx.userId)).touch();
  manager.open();
}
