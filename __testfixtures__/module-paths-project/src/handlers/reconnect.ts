import { createWebSocketManager } from "../ws/websocket-manager";

export async function reconnect(userId: string): Promise<void> {
  const manager = createWebSocketManager(userId);
  manager.send("again");
}
