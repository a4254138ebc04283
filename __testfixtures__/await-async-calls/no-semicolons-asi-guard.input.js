// Written without semicolons: a statement that now starts with "(" gets a ";"
// so it does not continue the line above.
async function handle(ctx, conn) {
  const label = ctx.label
  createWebSocketManager(ctx).addConnection(conn)
  if (ctx.retry) {
    log(label)
  }
  fetchUser(ctx.id).touch()
  return label
}
