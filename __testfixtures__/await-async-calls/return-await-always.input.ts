export async function getUser(id: string) {
  return fetchUser(id);
}

export const getManager = async (ctx: Context) => createWebSocketManager(ctx);

export async function pickUser(ctx: Context) {
  return ctx.guest ? fetchUser("guest") : ctx.user;
}

export async function chained(id: string) {
  return fetchUser(id).then(normalizeUser);
}
