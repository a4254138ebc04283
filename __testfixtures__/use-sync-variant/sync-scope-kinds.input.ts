import { loadConfigAsync } from "./config";

export async function attachAll(registry: Registry, managers: WebSocketManager[]) {
  managers.forEach((manager) => {
    registry.setWebsocketManagerAsync(manager);
  });
}

export function* configs() {
  yield loadConfigAsync();
}

export class Server {
  config = loadConfigAsync();

  static {
    globalRegistry.setWebsocketManagerAsync(defaultManager);
  }
}
