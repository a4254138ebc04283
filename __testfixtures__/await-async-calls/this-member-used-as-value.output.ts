export class Connection {
  private manager: WebSocketManager | undefined;

  async start(ctx: Context) {
    this.manager = await createWebSocketManager(ctx);
  }

  send(message: string) {
    this.manager?.send(message);
  }
}
