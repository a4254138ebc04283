export async function connect(registry: Registry, ctx: Context) {
  const managerPromise = createWebSocketManager(ctx);
  const attached = registry.setWebsocketManagerAsync(ctx.manager);
  ctx.log("waiting");
  await attached;
  return managerPromise;
}
