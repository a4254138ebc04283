export async function pickUser(ctx: Context, useGuest: boolean) {
  const user = useGuest ? fetchUser("guest") : ctx.user;
  const manager = ctx.live
    ? createWebSocketManager(ctx)
    : createWebSocketManager(ctx.fallback);
  manager.attach(user);
}
