import { buildManager } from "./managers";
import type { WebSocketManager } from "./ws/websocket-manager";
import type { Connection, UserContext } from "./types";

export class Session {
  constructor(readonly ctx: UserContext, readonly manager: WebSocketManager) {}
}

export function setupSession(ctx: UserContext, conn: Connection): Session {
  const manager = buildManager(ctx);
  manager.addConnection(conn.id);
  return new Session(ctx, manager);
}

/** Keeps the server's own session open, for broadcasts from the admin console. */
export class SessionPool {
  private readonly system: Session;

  constructor(systemCtx: UserContext) {
    this.system = setupSession(systemCtx, { id: "system" });
  }

  broadcast(text: string): number {
    return this.system.manager.broadcast(text);
  }
}
