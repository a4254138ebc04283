import { setupSession } from "../session";
import type { Session } from "../session";
import type { Connection, UserContext } from "../types";

/** The legacy connect handler, ported from the sync server. */
export function handleConnect(ctx: UserContext, conn: Connection): Session {
  const session = setupSession(ctx, conn);
  console.info(`session opened for ${ctx.userId}`);
  return session;
}

/** The admin console's "reconnect all tabs" button. */
export function reconnectAll(ctx: UserContext, conns: Connection[]): Session[] {
  return conns.map((conn) => handleConnect(ctx, conn));
}
