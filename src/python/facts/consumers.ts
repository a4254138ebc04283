/**
 * Functions that take a coroutine and run, schedule or wrap it: asyncio's,
 * methods of loops, task groups and runners, and the configured
 * `promiseConsumers`. The Python counterpart of javascript/facts/promise-consumers.ts.
 */
import type { PromiseConsumer } from "../../config/consumers";
import { moduleMatches, type ModuleImports } from "./imports";
import type { PyNode } from "../parser";

export interface ConsumerContext {
  readonly imports: ModuleImports;
  readonly consumers: readonly PromiseConsumer[];
}

/** asyncio's functions that take a coroutine and run, schedule or wrap it. */
const ASYNCIO_CONSUMERS: ReadonlySet<string> = new Set([
  "gather", "create_task", "ensure_future", "wait", "wait_for", "shield", "run", "as_completed", "run_coroutine_threadsafe", "Task",
]);

/** Methods that take a coroutine on any receiver: event loops, task groups, `asyncio.Runner` and `uvloop.run`. */
const RECEIVER_CONSUMERS: ReadonlySet<string> = new Set(["run_until_complete", "create_task", "start_soon", "run"]);

/** `asyncio.gather`, `loop.run_until_complete`, `tg.create_task`, or `gather` imported from asyncio. */
export function consumerName(call: PyNode, context: ConsumerContext): string | undefined {
  const imports = context.imports;
  const fn = call.childForFieldName("function");
  if (!fn) return undefined;
  const configured = configuredConsumer(fn, call, context);
  if (configured) return configured;
  if (fn.type === "attribute") {
    const method = fn.childForFieldName("attribute")?.text ?? "";
    const object = fn.childForFieldName("object");
    if (object && imports.moduleOfExpression(object, call)?.module === "asyncio" && ASYNCIO_CONSUMERS.has(method)) return `asyncio.${method}`;
    if (RECEIVER_CONSUMERS.has(method)) return `${object?.text ?? ""}.${method}`;
    return undefined;
  }
  if (fn.type === "identifier") {
    const binding = imports.fromImport(fn.text, call);
    if (binding?.module === "asyncio" && ASYNCIO_CONSUMERS.has(binding.imported)) return `asyncio.${binding.imported}`;
  }
  return undefined;
}

/** A `promiseConsumers` entry the callee matches: `gather_all`, `utils.settle`, or `app.aio#gather_all` as imported. */
function configuredConsumer(fn: PyNode, call: PyNode, context: ConsumerContext): string | undefined {
  const dotted = fn.type === "identifier" || fn.type === "attribute" ? fn.text.replace(/\s+/g, "") : undefined;
  for (const consumer of context.consumers) {
    const name = consumer.path[0]!;
    if (consumer.module === undefined) {
      if (dotted === consumer.path.join(".")) return dotted;
      continue;
    }
    if (fn.type === "identifier") {
      const binding = context.imports.fromImport(fn.text, call);
      if (binding && binding.imported === name && moduleMatches(binding, consumer.module)) return `${consumer.module}#${name}`;
    } else if (fn.type === "attribute" && fn.childForFieldName("attribute")?.text === name) {
      const object = fn.childForFieldName("object");
      if (object && moduleMatches(context.imports.moduleOfExpression(object, call), consumer.module)) return `${consumer.module}#${name}`;
    }
  }
  return undefined;
}
