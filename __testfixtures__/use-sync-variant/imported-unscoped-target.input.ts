import { setWebsocketManagerAsync } from "./registry";

export function install(manager: WebSocketManager) {
  setWebsocketManagerAsync(manager);
}
