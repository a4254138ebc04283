export async function rewire(registry: Registry | undefined, ctx: Context) {
  registry?.setWebsocketManagerAsync(createWebSocketManager(ctx));
}

export function rewireSync(registry: Registry | undefined, manager: WebSocketManager) {
  registry?.setWebsocketManagerAsync(manager);
}
