export async function loadTyped(ctx: Context) {
  const manager = createWebSocketManager(ctx) as WebSocketManager;
  const user = fetchUser(ctx.userId)!;
  const checked = fetchUser(ctx.userId) satisfies User;
  const legacy = <User>fetchUser(ctx.userId);
  ctx.log(manager, user, checked, legacy);
}
