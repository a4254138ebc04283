import { createWebSocketManager } from "./factory";

export async function start(userId: string) {
  createWebSocketManager(userId).addConnection("a");
}
