import type { Context } from "./context";

export async function handleConnect(ctx: Context, conn: Connection) {
  const manager = await createWebSocketManager(ctx);
  manager.addConnection(conn);
  let user = await fetchUser(ctx.userId), other = 1;
  return { manager, user, other };
}
