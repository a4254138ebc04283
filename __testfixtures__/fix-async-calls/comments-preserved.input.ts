export function attach(registry: Registry, manager: WebSocketManager) {
  registry /* the shared one */ .setWebsocketManagerAsync(manager); // sync path
}

export async function attachLater(registry: Registry, manager: WebSocketManager) {
  /* leading */ registry.setWebsocketManagerAsync(manager); // async path
}
