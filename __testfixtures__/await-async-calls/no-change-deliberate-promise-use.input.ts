export async function startAll(ctx: Context) {
  await createWebSocketManager(ctx);
  void fetchUser(ctx.userId);
  fetchUser(ctx.userId).then((user) => ctx.log(user));
  createWebSocketManager(ctx).catch(ctx.fail).finally(ctx.done);
  await Promise.all([fetchUser("a"), fetchUser("b")]);
  await Promise.allSettled([fetchUser("c")]);
  await Promise.race([createWebSocketManager(ctx), ctx.timeout]);
  await Promise.any([fetchUser("d"), fetchUser("e")]);
  await Promise.all(fetchUser("team"));
}
