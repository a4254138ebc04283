export async function handleConnect(ctx: Context) {
  // Windows line endings must survive
  const manager = await createWebSocketManager(ctx);
  manager.addUser(await fetchUser(ctx.userId));
}
