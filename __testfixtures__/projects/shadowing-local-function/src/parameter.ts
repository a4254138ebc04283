export async function withFactory(createWebSocketManager: (id: string) => { addConnection(id: string): void }) {
  createWebSocketManager("u").addConnection("z");
}
