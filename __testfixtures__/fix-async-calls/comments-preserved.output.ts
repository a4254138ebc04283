export function attach(registry: Registry, manager: WebSocketManager) {
  registry /* the shared one */ .setWebsocketManager(manager); // sync path
}

export async function attachLater(registry: Registry, manager: WebSocketManager) {
  /* leading */ await registry.setWebsocketManagerAsync(manager); // async path
}
