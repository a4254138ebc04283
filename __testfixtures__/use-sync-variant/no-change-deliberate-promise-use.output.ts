export function attachAll(registry: Registry, managers: WebSocketManager[]) {
  void registry.setWebsocketManagerAsync(managers[0]);
  registry.setWebsocketManagerAsync(managers[1]).then(() => log("attached"));
  Promise.all([registry.setWebsocketManagerAsync(managers[2])]);
  const pending = registry.setWebsocketManagerAsync(managers[3]);
  pending.catch(reportError);
  return registry.setWebsocketManagerAsync(managers[4]);
}

export const attach = (registry: Registry, m: WebSocketManager) => registry.setWebsocketManagerAsync(m);
