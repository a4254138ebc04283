export const onOpen = async (ctx: Context) => {
  await createWebSocketManager(ctx);
};

export const onClose = async function (ctx: Context) {
  await createWebSocketManager(ctx.fallback);
};

export class Registry {
  async load(id: string) {
    await fetchUser(id);
  }

  async #refresh(ctx: Context) {
    await createWebSocketManager(ctx);
  }
}

export const handlers = {
  async open(ctx: Context) {
    await createWebSocketManager(ctx);
  },
};

export async function* streamUsers(ids: string[]) {
  for (const id of ids) {
    const user = await fetchUser(id);
    yield user.name;
  }
}
