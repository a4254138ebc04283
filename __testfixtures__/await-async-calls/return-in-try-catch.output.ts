export async function loadUser(id: string) {
  try {
    return await fetchUser(id);
  } catch (error) {
    console.warn(error);
    throw error;
  }
}

export async function openManager(ctx: Context) {
  try {
    ctx.log("opening");
  } catch (error) {
    // retry against the fallback host
    return await createWebSocketManager(ctx.fallback);
  } finally {
    ctx.log("done");
  }
  return createWebSocketManager(ctx);
}
