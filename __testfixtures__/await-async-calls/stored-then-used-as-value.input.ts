export async function open(ctx: Context) {
  const manager = createWebSocketManager(ctx);
  manager.open();
}

export async function close(ctx: Context) {
  // a different binding with the same name
  const manager = ctx.pendingManager;
  (await manager).close();
}
