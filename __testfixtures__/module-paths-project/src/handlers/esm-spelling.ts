import { createWebSocketManager as make } from "../ws/websocket-manager.js";

export async function greet(userId: string): Promise<void> {
  make(userId).send("hi");
}
