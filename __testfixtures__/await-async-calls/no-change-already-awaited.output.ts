export async function handle(ctx: Context) {
  const manager = await createWebSocketManager(ctx);
  const user = await (fetchUser(ctx.userId));
  void createWebSocketManager(ctx);
  return manager.describe(user);
}
