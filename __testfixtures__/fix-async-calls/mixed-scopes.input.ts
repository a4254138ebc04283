import { loadConfigAsync } from "./config";

export async function start(registry: Registry) {
  const config = loadConfigAsync();
  const manager = createWebSocketManager(config.socket);
  registry.setWebsocketManagerAsync(manager);
}

export function startSync(registry: Registry, manager: WebSocketManager) {
  const config = loadConfigAsync();
  registry.setWebsocketManagerAsync(manager);
  manager.configure(config);
}
