import { createWebSocketManager } from "@app/ws";

export async function start(userId: string) {
  createWebSocketManager(userId).addConnection("x");
}
