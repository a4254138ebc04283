function createWebSocketManager(userId: string) {
  return { addConnection: (id: string) => void [userId, id] };
}

export async function local(userId: string) {
  createWebSocketManager(userId).addConnection("y");
}
