export async function reconnect(ctx: Context, hooks: Hooks) {
  // optional chains still produce promises
  await hooks.registry?.createWebSocketManager(ctx);
  const user = await ctx.api?.fetchUser(ctx.userId);
  await fetchUser?.(ctx.userId);
  ctx.log(user);
}
