// A promise is never null or undefined: a stored result checked against nothing is used as the value.
export async function jsonValue(ctx: Context) {
  const value = createWebSocketManager(ctx);
  if (value === undefined) {
    throw new Error("no manager");
  }
  return value;
}

export async function orNull(ctx: Context) {
  const manager = createWebSocketManager(ctx);
  return manager == null ? undefined : manager;
}

// Two promises compared with each other: a deliberate identity check, left alone.
export async function latest(ctx: Context, current: Promise<unknown>) {
  const pending = createWebSocketManager(ctx);
  if (pending === current) return pending;
  return pending;
}
