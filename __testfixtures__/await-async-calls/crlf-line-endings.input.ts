export async function handleConnect(ctx: Context) {
  // Windows line endings must survive
  const manager = createWebSocketManager(ctx);
  manager.addUser(fetchUser(ctx.userId));
}
