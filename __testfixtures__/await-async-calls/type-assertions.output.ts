export async function loadTyped(ctx: Context) {
  const manager = (await createWebSocketManager(ctx)) as WebSocketManager;
  const user = (await fetchUser(ctx.userId))!;
  const checked = (await fetchUser(ctx.userId)) satisfies User;
  const legacy = <User>(await fetchUser(ctx.userId));
  ctx.log(manager, user, checked, legacy);
}
