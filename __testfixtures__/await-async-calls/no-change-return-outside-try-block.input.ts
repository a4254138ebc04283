export async function loadUser(id: string) {
  try {
    console.info("loading", id);
  } catch (error) {
    // no finally: this catch is not guarded
    return fetchUser("guest");
  }
  return fetchUser(id);
}

export async function closeManager(ctx: Context) {
  try {
    const users = await Promise.all(ctx.ids.map(async (id) => fetchUser(id)));
    ctx.log(users);
  } finally {
    return createWebSocketManager(ctx);
  }
}
