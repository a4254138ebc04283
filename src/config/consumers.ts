/**
 * `promiseConsumers` entries, parsed: functions whose arguments (also in
 * array literals) are promises on purpose.
 *
 *   promiseAll           a function called by that name: promiseAll([...])
 *   utils.settle         a call spelled exactly so: utils.settle(...)
 *   @acme/async#pMap     the name as imported from that module, also aliased or through a namespace
 */
export interface PromiseConsumer {
  /** The module the name must be imported from, if any. */
  readonly module?: string;
  /** The callee's dotted path: ["utils", "settle"]; one name with a module. */
  readonly path: readonly string[];
}

export function parsePromiseConsumers(specs: readonly string[]): PromiseConsumer[] {
  return specs.map((spec) => {
    const hash = spec.lastIndexOf("#");
    if (hash > 0) return { module: spec.slice(0, hash), path: [spec.slice(hash + 1)] };
    return { path: spec.split(".") };
  });
}
