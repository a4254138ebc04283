import { createWebSocketManager } from "@app/ws/factory";

export async function viaMapping(userId: string) {
  createWebSocketManager(userId).addConnection("a");
}
