export interface WebSocketManager {
  send(message: string): void;
}

export async function createWebSocketManager(userId: string): Promise<WebSocketManager> {
  await Promise.resolve();
  return { send: (message) => console.info(userId, message) };
}
