import { createWebSocketManager } from "../app/ws";

export async function helper(): Promise<void> {
  createWebSocketManager(8080).addConnection("a");
}
