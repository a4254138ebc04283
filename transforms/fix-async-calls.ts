/**
 * fix-async-calls: both jobs in one pass, what `unawaited fix` runs.
 * Async scopes as in await-async-calls, sync scopes as in use-sync-variant:
 *
 *   async function start(ctx) { const m = createWebSocketManager(ctx); }   →  const m = await createWebSocketManager(ctx);
 *   function attach(r, m) { r.setWebsocketManagerAsync(m); }                →  r.setWebsocketManager(m);
 *
 * Left alone and reported: deliberate promise use (ok), sync scopes without a
 * sync variant and parameter defaults (manual).
 */
import { createTransform } from "../src/transform-module";

export default createTransform(["await", "sync-variant"]);
