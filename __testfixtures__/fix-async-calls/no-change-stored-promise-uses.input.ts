export async function chainedThenReturned(ctx: Context) {
  const pending = createWebSocketManager(ctx);
  pending.catch(ctx.report).finally(ctx.done);
  return pending;
}

export async function reassignedBeforeUse(ctx: Context) {
  let manager = createWebSocketManager(ctx);
  manager = await manager;
  manager.addConnection(1);
}

export async function checkedAndCombined(ctx: Context) {
  const pending = createWebSocketManager(ctx);
  if (pending instanceof Promise && pending !== ctx.last) ctx.last = pending;
  const all = [pending];
  await Promise.all([pending, ...all]);
}

export async function passedOnThenAwaited(ctx: Context) {
  const pending = createWebSocketManager(ctx);
  ctx.cache.set(ctx.key, pending);
  await pending;
}
