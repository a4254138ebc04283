// A different module with the same file name and the same export: not the configured target.
export async function createWebSocketManager(userId: string): Promise<string> {
  return userId;
}
