export async function countManagers(ctx: Context) {
  const total = (await createWebSocketManager(ctx)) + 1;
  const squared = (await createWebSocketManager(ctx)) ** 2;
  const same = (await fetchUser(ctx.userId)) === ctx.user;
  ctx.log({ total, squared, same });
}
