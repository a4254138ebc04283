import Registry from "./registry";
import type { Store } from "./store";
import type { Pinger } from "@lib";

export async function total(registry: Registry, store: Store, pinger: Pinger) {
  return registry.saveAsync() + store.syncAsync() + pinger.pingAsync();
}
