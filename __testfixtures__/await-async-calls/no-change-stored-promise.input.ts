export async function connectAll(ctx: Context) {
  const managerPromise = createWebSocketManager(ctx);
  const userPromise = fetchUser(ctx.userId);
  const adminPromise = fetchUser("admin");
  const guestPromise = fetchUser("guest");
  let pending;
  pending = fetchUser("support");
  ctx.log("connecting");
  const manager = await managerPromise;
  userPromise.then(ctx.setUser);
  void guestPromise;
  await Promise.all([pending, manager.ready]);
  return adminPromise;
}
