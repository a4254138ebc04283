/**
 * use-sync-variant: in sync scopes, switches calls of an async function to its
 * configured sync variant, updating imports.
 *
 *   registry.setWebsocketManagerAsync(m)          →  registry.setWebsocketManager(m)
 *   import { loadAsync } from "./cfg"; loadAsync()  →  import { load } from "./cfg"; load()
 *   const { loadAsync } = require("./cfg")        →  const { load } = require("./cfg")
 *
 * Left alone: deliberate promise use (`f().then(…)`, `return f()`, `void f()`,
 * `Promise.all([f()])`, a variable later used as a promise). With no `sync`
 * configured, or when the sync name is taken in the file, the site is reported
 * as manual and the code is not touched. Async scopes are the job of await-async-calls.
 */
import { createTransform } from "../src/transform-module";

export default createTransform(["sync-variant"]);
