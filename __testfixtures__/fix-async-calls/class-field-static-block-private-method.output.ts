export class SocketServer {
  static registry = globalRegistry;
  // class field: sync scope, no sync twin, left alone
  manager = createWebSocketManager(defaultContext);

  static {
    SocketServer.registry.setWebsocketManager(defaultManager);
  }

  async #attach(manager: WebSocketManager) {
    await SocketServer.registry.setWebsocketManagerAsync(manager);
  }
}
