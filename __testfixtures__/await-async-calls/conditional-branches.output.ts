export async function pickUser(ctx: Context, useGuest: boolean) {
  const user = useGuest ? await fetchUser("guest") : ctx.user;
  const manager = ctx.live
    ? await createWebSocketManager(ctx)
    : await createWebSocketManager(ctx.fallback);
  manager.attach(user);
}
