import { pMap } from "./local-async";
import { settle } from "./helpers";

export async function startAll(ctx: Context, helpers: Helpers) {
  await helpers.promiseAll([await createWebSocketManager(ctx)]);
  await settle(await createWebSocketManager(ctx));
  await pMap([await createWebSocketManager(ctx)], 2);
  await promiseAll([wrap(await createWebSocketManager(ctx))]);
}
