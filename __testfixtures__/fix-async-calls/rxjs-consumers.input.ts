// rxjs's creation functions take a promise as an ObservableInput: their arguments are deliberate promise uses.
import { forkJoin, from, merge } from "rxjs";
import * as rx from "rxjs";
import { from as fromVendored } from "../../third_party/rxjs/rxjs.js";
import { from as notRxjs } from "./streams";

export async function start(ctx: Context) {
  const one$ = from(createWebSocketManager(ctx));
  const both$ = forkJoin([createWebSocketManager(ctx), createWebSocketManager(ctx)]);
  const any$ = merge(createWebSocketManager(ctx), rx.race(createWebSocketManager(ctx)));
  const pending = createWebSocketManager(ctx);
  const vendored$ = fromVendored(pending);
  // Not rxjs: the argument is a value.
  const list = notRxjs(createWebSocketManager(ctx));
  // Not a creation function: rx.map takes a project function.
  const mapped = rx.map(createWebSocketManager(ctx));
  return [one$, both$, any$, vendored$, list, mapped];
}
