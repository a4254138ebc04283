import { loadConfigAsync } from "./config";

export async function start(registry: Registry) {
  const manager = await createWebSocketManager((await loadConfigAsync()).socket);
  await registry.setWebsocketManagerAsync(manager);
}

export function attach(registry: Registry, manager: WebSocketManager) {
  // Windows line endings must survive
  registry.setWebsocketManager(manager);
}
