export async function loadUser(id: string) {
  try {
    return fetchUser(id);
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
    return createWebSocketManager(ctx.fallback);
  } finally {
    ctx.log("done");
  }
  return createWebSocketManager(ctx);
}
