export function boot(ctx: Context) {
  // createWebSocketManager has no sync twin: manual
  const manager = createWebSocketManager(ctx);
  manager.listen();
}
