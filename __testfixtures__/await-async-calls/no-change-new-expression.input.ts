export async function build(ctx: Context) {
  // legacy constructor form, not a call
  const manager = new createWebSocketManager(ctx);
  const user = new ctx.models.fetchUser(ctx.userId);
  manager.attach(user);
}
