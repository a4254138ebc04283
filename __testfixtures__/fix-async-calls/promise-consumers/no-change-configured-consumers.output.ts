import { pMap as mapLimit } from "@acme/async";
import * as acme from "@acme/async";
import { promiseAll, utils } from "./helpers";

export async function startAll(ctx: Context, more: Promise<unknown>[]) {
  await promiseAll([createWebSocketManager(ctx), createWebSocketManager(ctx.fallback)]);
  await promiseAll([...more, createWebSocketManager(ctx)]);
  await promiseAll(createWebSocketManager(ctx));
  await utils.settle(createWebSocketManager(ctx));
  await mapLimit([createWebSocketManager(ctx)], 2);
  await acme.pMap([createWebSocketManager(ctx)]);
}

export async function storedThenConsumed(ctx: Context) {
  const first = createWebSocketManager(ctx);
  ctx.log("started");
  await promiseAll([first]);
}
