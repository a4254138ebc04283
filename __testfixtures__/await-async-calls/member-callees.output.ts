export class UserService {
  constructor(private deps: Deps) {}

  async refresh(id: string) {
    const user = await this.fetchUser(id);
    const manager = await this.deps.sockets.createWebSocketManager(user);
    await api.fetchUser(id);
    manager.start();
  }
}
