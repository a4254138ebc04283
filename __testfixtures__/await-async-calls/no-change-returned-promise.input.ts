export async function getUser(id: string, cached?: User) {
  if (cached) return cached;
  return fetchUser(id);
}

export const getManager = async (ctx: Context) => createWebSocketManager(ctx);

export async function pickUser(ctx: Context) {
  return ctx.guest ? fetchUser("guest") : fetchUser(ctx.userId);
}

export async function cachedUser(ctx: Context) {
  if (ctx.enabled) return ctx.enabled && fetchUser(ctx.userId);
  if (ctx.cached) return ctx.cached ?? fetchUser(ctx.userId);
  return ctx.cached || fetchUser(ctx.userId);
}
