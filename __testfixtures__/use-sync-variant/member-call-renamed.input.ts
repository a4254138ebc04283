export class Gateway {
  constructor(private registry: Registry) {}

  attach(manager: WebSocketManager) {
    // sync bootstrap path
    this.registry.setWebsocketManagerAsync(manager);
    this.registry?.setWebsocketManagerAsync(manager);
  }
}

export function register(app: App, manager: WebSocketManager) {
  app.services.registry.setWebsocketManagerAsync(manager);
}
