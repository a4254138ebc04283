import { loadConfigAsync } from "./config";

export async function start(registry: Registry) {
  const manager = createWebSocketManager(loadConfigAsync().socket);
  registry.setWebsocketManagerAsync(manager);
}

export function attach(registry: Registry, manager: WebSocketManager) {
  // Windows line endings must survive
  registry.setWebsocketManagerAsync(manager);
}
