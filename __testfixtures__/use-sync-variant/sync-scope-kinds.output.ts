import { loadConfig } from "./config";

export async function attachAll(registry: Registry, managers: WebSocketManager[]) {
  managers.forEach((manager) => {
    registry.setWebsocketManager(manager);
  });
}

export function* configs() {
  yield loadConfig();
}

export class Server {
  config = loadConfig();

  static {
    globalRegistry.setWebsocketManager(defaultManager);
  }
}
