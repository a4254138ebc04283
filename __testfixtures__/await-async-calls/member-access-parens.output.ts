export async function describeManager(ctx: Context) {
  // read fields straight off the result
  const id = (await createWebSocketManager(ctx)).id;
  const name = (await fetchUser(ctx.userId))?.name;
  const email = (await fetchUser(ctx.userId))["email"];
  const count = (await createWebSocketManager(ctx)).connections.length;
  ctx.log(id, name, email, count);
}
