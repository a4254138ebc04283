export interface Manager {
  addConnection(id: string): void;
}

export async function createWebSocketManager(port: number): Promise<Manager> {
  return { addConnection: () => undefined };
}
