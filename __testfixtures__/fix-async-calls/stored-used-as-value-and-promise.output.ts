export async function memberThenReturned(ctx: Context) {
  const manager = await createWebSocketManager(ctx);
  manager.addConnection(1);
  return manager;
}

export async function calledThenAwaited(ctx: Context) {
  const factory = await createWebSocketManager(ctx);
  const made = factory();
  await factory;
  return made;
}

export async function arithmeticThenReturned(ctx: Context) {
  const count = await createWebSocketManager(ctx);
  ctx.total = count + 1;
  return count;
}
