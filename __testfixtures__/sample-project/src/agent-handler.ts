import { createWebSocketManager } from "./ws/websocket-manager";
import type { AgentRegistry } from "./registry";
import type { WebSocketManager } from "./ws/websocket-manager";
import type { Connection, UserContext } from "./types";

export class AgentHandler {
  constructor(private readonly registry: AgentRegistry) {}

  // Start-up path: fixed once already, must stay as it is.
  async init(ctx: UserContext): Promise<void> {
    const manager = await createWebSocketManager(ctx);
    await this.registry.setWebsocketManagerAsync(manager);
  }

  async start(ctx: UserContext, conn: Connection): Promise<void> {
    const manager = createWebSocketManager(ctx);
    manager.addConnection(conn.id);
  }

  async onReconnect(ctx: UserContext, conn: Connection): Promise<void> {
    try {
      createWebSocketManager(ctx).addConnection(conn.id);
    } catch (error) {
      console.error("reconnect failed", error);
    }
  }

  async onMessage(ctx: UserContext, text: string): Promise<number> {
    if (!this.registry.current) {
      this.registry.setWebsocketManagerAsync(createWebSocketManager(ctx));
    }
    return this.registry.current?.broadcast(text) ?? 0;
  }

  // Deliberate promise use: started early, awaited together.
  async warmUp(contexts: UserContext[]): Promise<void> {
    const first = createWebSocketManager(contexts[0]!);
    const rest = contexts.slice(1).map((ctx) => createWebSocketManager(ctx));
    await Promise.all([first, ...rest]);
    createWebSocketManager(contexts[0]!).catch((error) => console.error(error));
  }
}

/** Sync by contract: the plugin loader calls it and does not await. */
export function wireRegistry(registry: AgentRegistry, manager: WebSocketManager): void {
  registry.setWebsocketManagerAsync(manager);
}
