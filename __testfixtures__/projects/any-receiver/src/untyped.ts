import type { Manager } from "./manager";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function attach(registry: any, manager: Manager) {
  registry.setWebsocketManagerAsync(manager);
}
