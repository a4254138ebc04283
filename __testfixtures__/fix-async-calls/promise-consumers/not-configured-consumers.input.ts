import { pMap } from "./local-async";
import { settle } from "./helpers";

export async function startAll(ctx: Context, helpers: Helpers) {
  await helpers.promiseAll([createWebSocketManager(ctx)]);
  await settle(createWebSocketManager(ctx));
  await pMap([createWebSocketManager(ctx)], 2);
  await promiseAll([wrap(createWebSocketManager(ctx))]);
}
