import { createWebSocketManager } from "../app/ws";

export async function probe(): Promise<void> {
  createWebSocketManager(9090).addConnection("probe");
}
