export class Connection {
  private manager: WebSocketManager | undefined;

  async start(ctx: Context) {
    this.manager = createWebSocketManager(ctx);
  }

  send(message: string) {
    this.manager?.send(message);
  }
}
