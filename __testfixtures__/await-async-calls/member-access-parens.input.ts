export async function describeManager(ctx: Context) {
  // read fields straight off the result
  const id = createWebSocketManager(ctx).id;
  const name = fetchUser(ctx.userId)?.name;
  const email = fetchUser(ctx.userId)["email"];
  const count = createWebSocketManager(ctx).connections.length;
  ctx.log(id, name, email, count);
}
