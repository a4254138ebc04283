export async function rewire(registry: Registry | undefined, ctx: Context) {
  await registry?.setWebsocketManagerAsync(await createWebSocketManager(ctx));
}

export function rewireSync(registry: Registry | undefined, manager: WebSocketManager) {
  registry?.setWebsocketManager(manager);
}
