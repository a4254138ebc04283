import type { Manager } from "./manager";

/** Same method name, unrelated class, and no sync twin: must not be touched. */
export class ManagerCache {
  async setWebsocketManagerAsync(manager: Manager): Promise<void> {
    void manager;
  }
}
