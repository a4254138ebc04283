export async function greet(ctx: Context) {
  const { name, email } = fetchUser(ctx.userId);
  const [primary] = createWebSocketManager(ctx).pools;
  primary.send(`hello ${name} <${email}>`);
}
