/**
 * A class hierarchy seen from one file's syntax: making one member of it
 * async breaks the others, and the callers through the base class or
 * interface. This check cannot see the hierarchy, so it stops
 * conservatively: a method (static or not, arrow properties included) of a
 * class that has `extends` or `implements`, and a method that a class
 * extending its class in the same file declares again. The typed engine
 * passes its own check (promotion.ts's `PromotionContext.hierarchy`).
 */
import { asNode, climbWrappers, identifierName, nodeOf, unwrap, type AnyNode, type AnyPath } from "./ast";
import { calleeText } from "./value-uses";
import { walk } from "./walk";

/**
 * Why a method cannot be made async without the rest of its class hierarchy,
 * seen from this file's syntax alone: its class `extends` or `implements`
 * something (it may override or implement a method), or a class extending
 * its class here declares a member of the same name (it is overridden).
 * Undefined for a function that is no class member, or a member of a plain
 * class nobody here extends.
 */
export function hierarchyStop(fnPath: AnyPath): string | undefined {
  const member = classMemberOf(fnPath);
  if (!member) return undefined;
  const classPath = member.parent?.parent as AnyPath | null | undefined;
  if (!classPath) return undefined;
  const cls = nodeOf(classPath);
  const heritage = heritageText(cls);
  if (heritage) {
    return `it is a method of a class that ${heritage}: it may override or implement a method shared with other classes, whose callers expect the same return type; make them async together by hand, or use --engine typed, which follows the hierarchy`;
  }
  const memberNode = nodeOf(member);
  const name = memberName(memberNode);
  const className = classNameOf(classPath);
  if (name === undefined || className === undefined) return undefined;
  const key = `${memberNode["static"] === true ? "static " : ""}${name}`;
  const overrider = subclassMembers(classPath).get(className)?.find((sub) => sub.members.has(key));
  if (!overrider) return undefined;
  return `it is overridden by ${overrider.name}.${name} in this file: making one of them async breaks the callers of the other through the base class; make them async together by hand, or use --engine typed, which follows the hierarchy`;
}

/** The class member (a method, or a property whose value the function is) the function is, if any. */
function classMemberOf(fnPath: AnyPath): AnyPath | undefined {
  const fn = nodeOf(fnPath);
  if (fn.type === "ClassMethod") return fn["kind"] === "constructor" ? undefined : fnPath;
  if (fn.type !== "ArrowFunctionExpression" && fn.type !== "FunctionExpression") return undefined;
  const outer = climbWrappers(fnPath);
  const parent = outer.parent as AnyPath | null;
  return parent && nodeOf(parent).type === "ClassProperty" && outer.name === "value" ? parent : undefined;
}

const HERITAGE_LENGTH = 60;

/** `extends Base`, `implements Store, Closeable`, `extends Base implements Store`; shortened when long. */
function heritageText(cls: AnyNode): string | undefined {
  const parts: string[] = [];
  const superClass = asNode(cls["superClass"]);
  if (superClass) parts.push(`extends ${entityText(superClass)}`);
  const implemented = ((cls["implements"] as unknown[] | null | undefined) ?? []).flatMap((item) => {
    const node = asNode(item);
    return node ? [entityText(asNode(node["expression"]) ?? asNode(node["id"]) ?? node)] : [];
  });
  if (implemented.length > 0) parts.push(`implements ${implemented.join(", ")}`);
  if (parts.length === 0) return undefined;
  const text = parts.join(" and ");
  return text.length > HERITAGE_LENGTH ? `${text.slice(0, HERITAGE_LENGTH - 1)}…` : text;
}

/** `Base`, `ns.Base`, `Mixin(…)`: the name a heritage clause gives. */
function entityText(node: AnyNode): string {
  const bare = unwrap(node);
  if (bare.type === "Identifier") return bare["name"] as string;
  if (bare.type === "TSQualifiedName") return `${entityText(asNode(bare["left"]) ?? bare)}.${identifierName(asNode(bare["right"])) ?? "…"}`;
  return calleeText(bare);
}

function memberName(member: AnyNode): string | undefined {
  const key = asNode(member["key"]);
  if (!key || (member["computed"] === true && key.type !== "StringLiteral")) return undefined;
  return key.type === "Identifier" ? (key["name"] as string) : key.type === "StringLiteral" ? (key["value"] as string) : undefined;
}

/** `class A {}`, `const A = class {}`: the name other classes extend it by. */
function classNameOf(classPath: AnyPath): string | undefined {
  const cls = nodeOf(classPath);
  const id = identifierName(asNode(cls["id"]));
  if (id) return id;
  const outer = climbWrappers(classPath);
  const parent = outer.parent ? nodeOf(outer.parent as AnyPath) : undefined;
  return parent?.type === "VariableDeclarator" && outer.name === "init" ? identifierName(asNode(parent["id"])) : undefined;
}

interface Subclass {
  readonly name: string;
  /** Its members' names, `static ` before a static one's. */
  readonly members: ReadonlySet<string>;
}

const subclassLists = new WeakMap<AnyNode, Map<string, Subclass[]>>();

/** The file's classes that extend a class by its plain name (`class B extends A`), by that name; one walk per file. */
function subclassMembers(from: AnyPath): Map<string, Subclass[]> {
  let root: AnyPath = from;
  while (root.parent) root = root.parent as AnyPath;
  const program = nodeOf(root);
  let found = subclassLists.get(program);
  if (found) return found;
  const byBase = new Map<string, Subclass[]>();
  walk(program, { skipTypes: true }, (node, _keys, ancestors) => {
    if (node.type !== "ClassDeclaration" && node.type !== "ClassExpression") return;
    const superClass = asNode(node["superClass"]);
    const base = superClass ? identifierName(unwrap(superClass)) : undefined;
    if (!base) return;
    const members = new Set<string>();
    for (const member of (asNode(node["body"])?.["body"] as AnyNode[] | undefined) ?? []) {
      if ((member.type !== "ClassMethod" && member.type !== "ClassProperty") || member["kind"] === "constructor") continue;
      const name = memberName(member);
      if (name !== undefined) members.add(`${member["static"] === true ? "static " : ""}${name}`);
    }
    const holder = ancestors[ancestors.length - 1];
    const bound = holder?.type === "VariableDeclarator" && holder["init"] === node ? identifierName(asNode(holder["id"])) : undefined;
    const name = identifierName(asNode(node["id"])) ?? bound ?? "an anonymous class";
    byBase.set(base, [...(byBase.get(base) ?? []), { name, members }]);
  });
  found = byBase;
  subclassLists.set(program, found);
  return found;
}
