import type { WebSocketManager } from "./ws/websocket-manager";

export class AgentRegistry {
  private manager: WebSocketManager | undefined;

  setWebsocketManager(manager: WebSocketManager): void {
    this.manager = manager;
  }

  async setWebsocketManagerAsync(manager: WebSocketManager): Promise<void> {
    await Promise.resolve();
    this.setWebsocketManager(manager);
  }

  get current(): WebSocketManager | undefined {
    return this.manager;
  }
}
