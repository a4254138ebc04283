export async function broadcast(ids: string[]) {
  ids.forEach((id) => {
    fetchUser(id);
  });
}

export function* managers(ctx: Context) {
  yield createWebSocketManager(ctx);
}

export class Pool {
  manager = createWebSocketManager(defaultContext);

  static {
    fetchUser("system");
  }
}

export function describeUser(id: string) {
  const user = fetchUser(id);
  console.info(user.name);
}
