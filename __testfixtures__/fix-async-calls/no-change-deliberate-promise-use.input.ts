export async function startAll(registry: Registry, ctx: Context) {
  void registry.setWebsocketManagerAsync(ctx.manager);
  await Promise.race([createWebSocketManager(ctx), ctx.timeout]);
  return createWebSocketManager(ctx.fallback);
}

export function attachLater(registry: Registry, manager: WebSocketManager) {
  registry.setWebsocketManagerAsync(manager).catch(reportError);
  if (manager.lazy) return registry.setWebsocketManagerAsync(manager);
  return manager.ready ? registry.setWebsocketManagerAsync(manager) : undefined;
}
