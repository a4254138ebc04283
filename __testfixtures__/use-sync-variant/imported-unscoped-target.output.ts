import { setWebsocketManager } from "./registry";

export function install(manager: WebSocketManager) {
  setWebsocketManager(manager);
}
