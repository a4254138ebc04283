import { createWebSocketManager, WebSocketManager } from "./ws/websocket-manager";
import type { AgentRegistry } from "./registry";
import type { UserContext } from "./types";

const HEARTBEAT_MS = 30_000;

/** The user's manager, with the server's defaults applied. */
export function buildManager(ctx: UserContext): WebSocketManager {
  const manager = createWebSocketManager(ctx);
  manager.setHeartbeat(HEARTBEAT_MS);
  return manager;
}

/** Where a handler gets a user's manager: built fresh, or the one installed in the registry. */
export interface ManagerProvider {
  managerFor(ctx: UserContext): WebSocketManager;
}

export class FreshManagers implements ManagerProvider {
  managerFor(ctx: UserContext): WebSocketManager {
    return buildManager(ctx);
  }
}

/** The single-user desktop build shares one manager. */
export class RegistryManagers implements ManagerProvider {
  constructor(private readonly registry: AgentRegistry) {}

  managerFor(ctx: UserContext): WebSocketManager {
    return this.registry.current ?? new WebSocketManager(ctx.userId);
  }
}

export function notify(provider: ManagerProvider, ctx: UserContext, text: string): number {
  return provider.managerFor(ctx).broadcast(text);
}
