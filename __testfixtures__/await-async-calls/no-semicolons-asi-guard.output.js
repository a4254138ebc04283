// Written without semicolons: a statement that now starts with "(" gets a ";"
// so it does not continue the line above.
async function handle(ctx, conn) {
  const label = ctx.label
  ;(await createWebSocketManager(ctx)).addConnection(conn)
  if (ctx.retry) {
    log(label)
  }
  (await fetchUser(ctx.id)).touch()
  return label
}
