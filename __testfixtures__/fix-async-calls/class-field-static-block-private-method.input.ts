export class SocketServer {
  static registry = globalRegistry;
  // class field: sync scope, no sync twin, left alone
  manager = createWebSocketManager(defaultContext);

  static {
    SocketServer.registry.setWebsocketManagerAsync(defaultManager);
  }

  async #attach(manager: WebSocketManager) {
    SocketServer.registry.setWebsocketManagerAsync(manager);
  }
}
