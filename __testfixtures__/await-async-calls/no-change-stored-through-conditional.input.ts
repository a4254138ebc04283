export async function connectAll(ctx: Context, cached?: Promise<Manager>) {
  const pending = ctx.fresh ? createWebSocketManager(ctx) : Promise.resolve(ctx.manager);
  pending.then((manager) => manager.start());

  const either = cached || createWebSocketManager(ctx);
  either.catch(() => undefined);

  cached ??= createWebSocketManager(ctx);
  return cached;
}
