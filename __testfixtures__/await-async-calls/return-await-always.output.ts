export async function getUser(id: string) {
  return await fetchUser(id);
}

export const getManager = async (ctx: Context) => await createWebSocketManager(ctx);

export async function pickUser(ctx: Context) {
  return ctx.guest ? await fetchUser("guest") : ctx.user;
}

export async function chained(id: string) {
  return fetchUser(id).then(normalizeUser);
}
