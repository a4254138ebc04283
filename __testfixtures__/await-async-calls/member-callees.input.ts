export class UserService {
  constructor(private deps: Deps) {}

  async refresh(id: string) {
    const user = this.fetchUser(id);
    const manager = this.deps.sockets.createWebSocketManager(user);
    api.fetchUser(id);
    manager.start();
  }
}
