export async function attachAll(registry: Registry, ctx: Context) {
  const managers = ctx.ids.map(() => createWebSocketManager(ctx));
  managers.forEach((manager) => {
    // forEach callbacks are sync
    registry.setWebsocketManagerAsync(manager);
  });
  await Promise.all(managers);
}
