export async function reconnect(ctx: Context, hooks: Hooks) {
  // optional chains still produce promises
  hooks.registry?.createWebSocketManager(ctx);
  const user = ctx.api?.fetchUser(ctx.userId);
  fetchUser?.(ctx.userId);
  ctx.log(user);
}
