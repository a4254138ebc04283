import { createWebSocketManager } from "./ws/websocket-manager";

export async function start(userId: string): Promise<void> {
  createWebSocketManager(userId).send("hello");
}
