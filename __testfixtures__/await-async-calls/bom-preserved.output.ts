export async function handleConnect(ctx: Context) {
  // file starts with a UTF-8 byte order mark
  const user = await fetchUser(ctx.userId);
  ctx.greet(user);
}
