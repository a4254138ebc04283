import type { Manager } from "./manager";
import type { ManagerCache } from "./cache";

export async function remember(cache: ManagerCache, manager: Manager) {
  cache.setWebsocketManagerAsync(manager);
}
