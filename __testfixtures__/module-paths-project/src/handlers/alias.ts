import * as ws from "@ws/websocket-manager";

export async function notify(userId: string): Promise<void> {
  ws.createWebSocketManager(userId).send("news");
}
