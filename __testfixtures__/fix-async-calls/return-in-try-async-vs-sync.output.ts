export async function open(ctx: Context) {
  try {
    return await createWebSocketManager(ctx);
  } catch (error) {
    ctx.log(error);
    throw error;
  }
}

export function attach(registry: Registry, manager: WebSocketManager) {
  try {
    // sync function: returning the promise is deliberate
    return registry.setWebsocketManagerAsync(manager);
  } finally {
    registry.flush();
  }
}
