// Ignore comments silence the site they name, and only that one.
export async function start(registry: Registry) {
  // unawaited-ignore-next-line: the test asserts on the pending promise
  const pending = createWebSocketManager(1);
  const manager = createWebSocketManager(2); /* unawaited-ignore: reviewed */
  const other = createWebSocketManager(3); // unawaited-ignore
  // unawaited-ignore-next-line
  registry.log("the comment above silences nothing");
  const next = createWebSocketManager(4);
  // A comment that only mentions unawaited-ignore-next-line is not one.
  const last = createWebSocketManager(5);
  return [pending.id, manager.id, other.id, next.id, last.id];
}

export function startSync(registry: Registry) {
  registry.setWebsocketManagerAsync(1); // unawaited-ignore: the sync variant drops events here
  registry.setWebsocketManagerAsync(2);
}
