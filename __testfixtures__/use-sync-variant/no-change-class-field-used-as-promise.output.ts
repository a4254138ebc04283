// A field holding the promise, chained later: a deliberate promise use.
export class Connection {
  ready = this.registry.setWebsocketManagerAsync(this.manager);

  constructor(private readonly registry: Registry, private readonly manager: Manager) {}

  whenReady(callback: () => void) {
    return this.ready.then(callback);
  }
}
