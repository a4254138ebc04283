export async function handleConnect(ctx: Context) {
  // file starts with a UTF-8 byte order mark
  const user = fetchUser(ctx.userId);
  ctx.greet(user);
}
