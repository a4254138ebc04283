/**
 * A function another file made async (propagation), passed here as a value
 * to other code: `import { f } from "./x"; arr.map(f)`, `emitter.on("x", f)`,
 * `<button onClick={f}>`. Its caller there does not await it, and no call
 * site shows it: each such reference is reported `manual`, with the chain.
 * (In its own file the same use stops propagation before the function is
 * made async; see promotion.ts.)
 */
import type { Target } from "../../config/schema";
import type { CallbackReference } from "../../decision/propagation";
import { CALL_TYPES, climbWrappers, isTransparentWrapper, nodeOf, unwrap, type AnyNode, type AnyPath } from "./ast";
import { bindingOrigin, resolveBinding } from "./bindings";
import { sameModule } from "./module-paths";
import { AstPath, pathAt } from "./paths";
import { calleeText, passedTo, storedAs, storedValue } from "./value-uses";
import { walk } from "./walk";


/** Where a value may be stored (value-uses.ts's storedAs says whether it is). */
const STORING: ReadonlySet<string> = new Set(["ObjectProperty", "ArrayExpression", "AssignmentExpression", "VariableDeclarator"]);

export function callbackReferences(ast: AnyNode, targets: readonly Target[], options: { readonly file: string; readonly fromDir: string }): CallbackReference[] {
  // Functions made async in other files, matched through an import of their file.
  const foreign = targets.filter((t) => t.propagated?.kind === "function" && t.propagated.file !== options.file && t.module !== undefined);
  if (foreign.length === 0) return [];
  const found: (readonly (string | number)[])[] = [];
  walk(ast, { skipTypes: true }, (node, keys, ancestors) => {
    const parent = ancestors[ancestors.length - 1];
    // A cheap first cut; the path below climbs wrappers (`arr.map(f as Fn)`) and checks the position.
    if (node.type === "Identifier" && parent && (CALL_TYPES.has(parent.type) || STORING.has(parent.type) || parent.type === "NewExpression" || parent.type === "JSXExpressionContainer" || isTransparentWrapper(parent))) {
      found.push([...keys]);
    }
  });
  if (found.length === 0) return [];
  const root = AstPath.root(ast);
  const out: CallbackReference[] = [];
  for (const keys of found) {
    const reference = pathAt(root, keys);
    const holder = climbWrappers(reference);
    const parentPath = holder.parent as AnyPath | null;
    if (!parentPath) continue;
    const parent = nodeOf(parentPath);
    const asArgument = (CALL_TYPES.has(parent.type) || parent.type === "NewExpression") && holder.listKey === "arguments";
    const inJsx = parent.type === "JSXExpressionContainer" && parentPath.parent !== null && nodeOf(parentPath.parent as AnyPath).type === "JSXAttribute";
    const stored = asArgument || inJsx ? undefined : storedAs(holder);
    if (!asArgument && !inJsx && stored === undefined) continue;
    const name = nodeOf(reference)["name"] as string;
    const binding = resolveBinding(reference, name);
    if (!binding) continue;
    const origin = bindingOrigin(binding);
    if (origin.kind !== "import-named" && origin.kind !== "require-destructured" && origin.kind !== "require-member") continue;
    const target = foreign.find((t) => t.name === origin.imported && sameModule(t.module!, origin.module, options.fromDir));
    if (!target) continue;
    const start = nodeOf(reference).loc?.start ?? { line: 0, column: 0 };
    out.push({ target, how: stored === undefined ? passedTo(describeHolder(reference)) : storedValue(stored), line: start.line, column: start.column + 1 });
  }
  return out;
}

function describeHolder(reference: AnyPath): string {
  const current = climbWrappers(reference);
  const parent = current.parent ? nodeOf(current.parent as AnyPath) : undefined;
  if (!parent || parent.type === "JSXExpressionContainer") return "in JSX";
  const callee = unwrap((parent["callee"] as AnyNode | undefined) ?? parent);
  const text = calleeText(callee);
  return parent.type === "NewExpression" ? `to new ${text}()` : `to ${text}()`;
}
