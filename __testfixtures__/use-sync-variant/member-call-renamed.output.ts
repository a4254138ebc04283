export class Gateway {
  constructor(private registry: Registry) {}

  attach(manager: WebSocketManager) {
    // sync bootstrap path
    this.registry.setWebsocketManager(manager);
    this.registry?.setWebsocketManager(manager);
  }
}

export function register(app: App, manager: WebSocketManager) {
  app.services.registry.setWebsocketManager(manager);
}
