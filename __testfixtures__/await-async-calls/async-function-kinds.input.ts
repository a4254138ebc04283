export const onOpen = async (ctx: Context) => {
  createWebSocketManager(ctx);
};

export const onClose = async function (ctx: Context) {
  createWebSocketManager(ctx.fallback);
};

export class Registry {
  async load(id: string) {
    fetchUser(id);
  }

  async #refresh(ctx: Context) {
    createWebSocketManager(ctx);
  }
}

export const handlers = {
  async open(ctx: Context) {
    createWebSocketManager(ctx);
  },
};

export async function* streamUsers(ids: string[]) {
  for (const id of ids) {
    const user = fetchUser(id);
    yield user.name;
  }
}
