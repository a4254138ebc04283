// TypeScript 4.9+ auto-accessors, with decorators: the file parses and its calls are fixed.
function observe(_target: unknown, _context: unknown) {}

export class Session {
  @observe accessor state = 1;
  static accessor count = 0;
  accessor = "a field named accessor";

  async open(ctx: unknown) {
    const manager = await createWebSocketManager(ctx);
    manager.addConnection(this.state);
  }
}
