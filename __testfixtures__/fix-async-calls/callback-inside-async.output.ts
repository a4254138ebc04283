export async function attachAll(registry: Registry, ctx: Context) {
  const managers = ctx.ids.map(() => createWebSocketManager(ctx));
  managers.forEach((manager) => {
    // forEach callbacks are sync
    registry.setWebsocketManager(manager);
  });
  await Promise.all(managers);
}
