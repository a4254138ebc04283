/**
 * await-async-calls: awaits calls of configured async functions in async scopes.
 *
 *   const m = createWebSocketManager(ctx)   →  const m = await createWebSocketManager(ctx)
 *   createWebSocketManager(ctx).add(c)      →  (await createWebSocketManager(ctx)).add(c)
 *   if (!isReady())                         →  if (!(await isReady()))
 *   try { return load() } catch {}          →  try { return await load() } catch {}   (returnAwait: in-try-catch)
 *
 * Left alone, as deliberate promise use: `await f()`, `void f()`, `f().then(…)`,
 * `Promise.all([f()])`, `return f()` outside try, `const p = f(); …; await p`.
 * Reported, not rewritten: calls in parameter defaults (await is a syntax error there).
 * Sync scopes are the job of use-sync-variant.
 */
import { createTransform } from "../src/transform-module";

export default createTransform(["await"]);
