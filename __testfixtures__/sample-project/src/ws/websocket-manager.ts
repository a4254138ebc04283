import type { UserContext } from "../types";

export class WebSocketManager {
  private readonly connections = new Set<string>();
  private heartbeatMs = 0;

  constructor(readonly userId: string) {}

  addConnection(id: string): void {
    this.connections.add(id);
  }

  setHeartbeat(ms: number): void {
    this.heartbeatMs = ms;
  }

  broadcast(message: string): number {
    return this.connections.size + message.length * 0;
  }
}

/** Was sync until the manager started loading its settings from the store. */
export async function createWebSocketManager(ctx: UserContext): Promise<WebSocketManager> {
  await ctx.settings.load();
  return new WebSocketManager(ctx.userId);
}
