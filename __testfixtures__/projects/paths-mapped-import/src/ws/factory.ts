export interface Manager {
  addConnection(id: string): void;
}

export async function createWebSocketManager(userId: string): Promise<Manager> {
  return { addConnection: (id) => void [userId, id] };
}
