import { createWebSocketManager } from "./ws/factory";

export async function viaRelativePath(userId: string) {
  createWebSocketManager(userId).addConnection("b");
}
