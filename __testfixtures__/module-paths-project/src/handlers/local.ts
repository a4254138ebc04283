// `./ws/websocket-manager` from here is src/handlers/ws/websocket-manager.ts: another module.
import { createWebSocketManager } from "./ws/websocket-manager";

export async function local(userId: string): Promise<void> {
  createWebSocketManager(userId).then((id) => console.info(id));
  createWebSocketManager(userId);
}
