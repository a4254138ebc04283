/**
 * Every name the file declares, by any means, including the ones ast-types'
 * scopes do not see (class expression names, enums, namespaces, `declare
 * function`, `import x = require()`). Used where a false "not declared" would
 * produce wrong code: before writing a sync variant's name into the file.
 */
import { asNode, FUNCTION_TYPES, identifierName, isStringLiteral, requiredModule, type AnyNode } from "./ast";
import { walk } from "./walk";

export type DeclarationKind = "import" | "variable" | "function" | "class" | "parameter" | "other";

export interface Declaration {
  readonly identifier: AnyNode;
  readonly kind: DeclarationKind;
  /** Declared by a statement of the module body (or its export). */
  readonly topLevel: boolean;
  /** For `import { x } from "m"` and `const { x } = require("m")`: where it comes from. */
  readonly from?: { readonly module: string; readonly imported: string };
}

export function collectDeclarations(ast: AnyNode): Map<string, Declaration[]> {
  const out = new Map<string, Declaration[]>();
  const add = (identifier: AnyNode | undefined, kind: DeclarationKind, topLevel: boolean, from?: Declaration["from"]) => {
    if (!identifier || identifier.type !== "Identifier") return;
    const name = identifier["name"] as string;
    const list = out.get(name) ?? [];
    list.push({ identifier, kind, topLevel, ...(from ? { from } : {}) });
    out.set(name, list);
  };
  walk(ast, { skipTypes: true }, (node, _keys, ancestors) => {
    const parent = ancestors[ancestors.length - 1];
    const topLevel = isTopLevelStatement(ancestors, ancestors.length - 1);
    switch (node.type) {
      case "ImportSpecifier": {
        const source = parent ? asNode(parent["source"]) : undefined;
        const imported = asNode(node["imported"]);
        const importedName = identifierName(imported) ?? (isStringLiteral(imported) ? imported.value : undefined);
        const from = isStringLiteral(source) && importedName !== undefined ? { module: source.value, imported: importedName } : undefined;
        add(asNode(node["local"]), "import", true, from);
        break;
      }
      case "ImportDefaultSpecifier":
      case "ImportNamespaceSpecifier":
        add(asNode(node["local"]), "import", true);
        break;
      case "TSImportEqualsDeclaration":
        add(asNode(node["id"]), "other", topLevel);
        break;
      case "VariableDeclarator": {
        const topLevelVariable = isTopLevelStatement(ancestors, ancestors.length - 2);
        const module = requiredModule(asNode(node["init"]));
        const id = asNode(node["id"]);
        if (module !== undefined && id?.type === "ObjectPattern") {
          for (const property of (id["properties"] as unknown[]) ?? []) {
            const prop = asNode(property);
            const key = prop && prop.type !== "RestElement" && !prop["computed"] ? identifierName(asNode(prop["key"])) : undefined;
            for (const local of patternIdentifiers(prop)) add(local, "variable", topLevelVariable, key !== undefined ? { module, imported: key } : undefined);
          }
        } else {
          for (const local of patternIdentifiers(id)) add(local, "variable", topLevelVariable);
        }
        break;
      }
      case "FunctionDeclaration":
      case "TSDeclareFunction":
        add(asNode(node["id"]), "function", topLevel);
        break;
      case "ClassDeclaration":
        add(asNode(node["id"]), "class", topLevel);
        break;
      case "FunctionExpression":
      case "ClassExpression":
        // The name is visible only inside the expression itself.
        add(asNode(node["id"]), "other", false);
        break;
      case "TSEnumDeclaration":
      case "TSModuleDeclaration":
        add(asNode(node["id"]), "other", topLevel);
        break;
      case "CatchClause":
        for (const id of patternIdentifiers(asNode(node["param"]))) add(id, "parameter", false);
        break;
      default:
        break;
    }
    if (FUNCTION_TYPES.has(node.type)) {
      for (const param of (node["params"] as unknown[]) ?? []) {
        for (const id of patternIdentifiers(asNode(param))) add(id, "parameter", false);
      }
    }
  });
  return out;
}

/** Whether the node whose parent is `ancestors[index]` is a statement of the module body (or of its export). */
function isTopLevelStatement(ancestors: readonly AnyNode[], index: number): boolean {
  let parent = ancestors[index];
  if (parent && parent.type.startsWith("Export")) parent = ancestors[index - 1];
  return parent !== undefined && parent.type === "Program";
}

/** The identifiers a binding pattern declares: `a`, `{ a, b: [c] }`, `d = 1`, `...e`. */
function patternIdentifiers(pattern: AnyNode | undefined): AnyNode[] {
  if (!pattern) return [];
  switch (pattern.type) {
    case "Identifier":
      return [pattern];
    case "AssignmentPattern":
      return patternIdentifiers(asNode(pattern["left"]));
    case "RestElement":
      return patternIdentifiers(asNode(pattern["argument"]));
    case "TSParameterProperty":
      return patternIdentifiers(asNode(pattern["parameter"]));
    case "ArrayPattern":
      return ((pattern["elements"] as unknown[]) ?? []).flatMap((element) => patternIdentifiers(asNode(element)));
    case "ObjectPattern":
      return ((pattern["properties"] as unknown[]) ?? []).flatMap((property) => {
        const node = asNode(property);
        if (!node) return [];
        if (node.type === "RestElement") return patternIdentifiers(node);
        if (node.type === "ObjectProperty" || node.type === "Property") return patternIdentifiers(asNode(node["value"]));
        return patternIdentifiers(node);
      });
    default:
      return [];
  }
}
