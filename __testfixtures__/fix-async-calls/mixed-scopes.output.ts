import { loadConfigAsync, loadConfig } from "./config";

export async function start(registry: Registry) {
  const config = await loadConfigAsync();
  const manager = await createWebSocketManager(config.socket);
  await registry.setWebsocketManagerAsync(manager);
}

export function startSync(registry: Registry, manager: WebSocketManager) {
  const config = loadConfig();
  registry.setWebsocketManager(manager);
  manager.configure(config);
}
