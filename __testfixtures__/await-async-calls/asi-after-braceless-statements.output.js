// An if/for/else whose body ends in "}" without ending in a block still
// needs the guard; a real block does not.
async function load(ctx, cache) {
  if (ctx.fresh) cache = {}
  ;(await fetchUser(ctx.id)).touch()
  for (;;) cache.next = function () {}
  ;(await createWebSocketManager(ctx)).start()
  if (ctx.retry) {} else cache.kind = class {}
  ;(await fetchUser(ctx.id)).touch()
  if (ctx.retry) {
    cache.retried = true
  }
  (await fetchUser(ctx.id)).touch()
}
