export class Connection {
  private ready: Promise<WebSocketManager> | undefined;

  async start(ctx: Context) {
    this.ready = createWebSocketManager(ctx);
  }

  async send(message: string) {
    const manager = await this.ready;
    manager?.send(message);
  }
}
