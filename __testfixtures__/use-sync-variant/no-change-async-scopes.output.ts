import { loadConfigAsync } from "./config";

export async function attach(registry: Registry, manager: WebSocketManager) {
  registry.setWebsocketManagerAsync(manager);
}

export const reload = async () => {
  const config = loadConfigAsync();
  console.info(config);
};

export class Gateway {
  async #install(registry: Registry, manager: WebSocketManager) {
    registry.setWebsocketManagerAsync(manager);
  }
}
