import { stopAsync } from "./timers";
import { createX } from "./barrel";
import type { Store } from "./store";

export function shutdown(store: Store) {
  stopAsync();
  createX();
  store.putAsync("y");
  store.setAsync("x");
}
