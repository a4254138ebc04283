export async function countManagers(ctx: Context) {
  const total = createWebSocketManager(ctx) + 1;
  const squared = createWebSocketManager(ctx) ** 2;
  const same = fetchUser(ctx.userId) === ctx.user;
  ctx.log({ total, squared, same });
}
