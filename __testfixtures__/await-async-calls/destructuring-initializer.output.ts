export async function greet(ctx: Context) {
  const { name, email } = await fetchUser(ctx.userId);
  const [primary] = (await createWebSocketManager(ctx)).pools;
  primary.send(`hello ${name} <${email}>`);
}
