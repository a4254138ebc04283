/**
 * The typed engine's sync-variant check: in a sync scope, `fAsync()` may
 * become `f()` only if `f` exists where the call would find it (on the
 * receiver's type, public; in the module the callee was imported from, as the
 * import names it; or in the same file), and accepts the call's arguments.
 * Otherwise the site is `manual`, with the reason, rather than code that does
 * not compile.
 */
import type { ts as TsNamespace } from "ts-morph";
import type { TypeFacts } from "../javascript/facts/targets";
import type { Ts } from "./project";

type Node = TsNamespace.Node;
/** A call, or a tagged template (which calls its tag). */
type CallExpression = TsNamespace.CallExpression | TsNamespace.TaggedTemplateExpression;
type Symbol_ = TsNamespace.Symbol;

export class SyncVariantCheck {
  constructor(
    private readonly ts: Ts,
    private readonly checker: TsNamespace.TypeChecker,
  ) {}

  /** Whether `sync` exists where the call would find it, may be called from here, and accepts the call's arguments. */
  check(call: CallExpression, callee: TsNamespace.Expression, sync: string): TypeFacts["syncVariant"] {
    const ts = this.ts;
    let owner: string;
    let symbols: Symbol_[];
    if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) {
      // `maybe?.f()` never calls on null or undefined: only the rest of the union must have `sync`.
      const receiver = this.checker.getNonNullableType(this.checker.getTypeAtLocation(callee.expression));
      if (receiver.flags & ts.TypeFlags.Any) return { ok: true };
      owner = `type ${this.checker.typeToString(receiver)}`;
      const parts = receiver.isUnion() ? receiver.types : [receiver];
      symbols = [];
      for (const part of parts) {
        const property = this.checker.getPropertyOfType(this.checker.getApparentType(part), sync);
        if (!property) return { ok: false, reason: `the sync variant ${sync} does not exist on ${owner}: left as is` };
        if (!this.isPublic(property)) return { ok: false, reason: `${sync} on ${owner} is private or protected: left as is` };
        symbols.push(property);
      }
    } else {
      const found = this.syncByName(call, callee, sync);
      if ("reason" in found) return { ok: false, reason: found.reason };
      owner = found.owner;
      symbols = [found.symbol];
    }
    for (const symbol of symbols) {
      const resolved = symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
      const type = this.checker.getTypeOfSymbolAtLocation(resolved, call);
      const signatures = this.checker.getSignaturesOfType(type, ts.SignatureKind.Call);
      if (signatures.length === 0) return { ok: false, reason: `${sync} in ${owner} is not callable: left as is` };
      if (!signatures.some((signature) => this.acceptsArguments(signature, call))) {
        return { ok: false, reason: `${sync} in ${owner} does not accept these arguments: left as is` };
      }
    }
    return { ok: true };
  }

  /**
   * Where a plain `f()` would find `fSync`: the module the callee was
   * imported from (as named in the import, a barrel included), or this file
   * for a local function. A global of that name (the DOM's `stop`) does not count.
   */
  private syncByName(call: CallExpression, callee: TsNamespace.Expression, sync: string): { symbol: Symbol_; owner: string } | { reason: string } {
    const ts = this.ts;
    const local = ts.isIdentifier(callee) ? this.checker.getSymbolAtLocation(callee) : undefined;
    const importDeclaration = local?.declarations?.find((d) => ts.isImportSpecifier(d) || ts.isImportClause(d) || ts.isBindingElement(d));
    if (local && local.flags & ts.SymbolFlags.Alias && importDeclaration) {
      let node: Node | undefined = importDeclaration;
      while (node && !ts.isImportDeclaration(node)) node = node.parent;
      const specifier = node && ts.isImportDeclaration(node) ? node.moduleSpecifier : undefined;
      const moduleSymbol = specifier ? this.checker.getSymbolAtLocation(specifier) : undefined;
      const moduleName = specifier && ts.isStringLiteral(specifier) ? specifier.text : "its module";
      const exported = moduleSymbol ? this.checker.getExportsOfModule(moduleSymbol).find((s) => s.name === sync) : undefined;
      return exported ? { symbol: exported, owner: `"${moduleName}"` } : { reason: `the sync variant ${sync} is not exported by "${moduleName}": left as is` };
    }
    const file = call.getSourceFile();
    const inScope = this.checker.getSymbolsInScope(call, ts.SymbolFlags.Value | ts.SymbolFlags.Alias)
      .find((s) => s.name === sync && (s.declarations ?? []).some((d) => d.getSourceFile() === file));
    return inScope ? { symbol: inScope, owner: "this file" } : { reason: `the sync variant ${sync} is not declared in this file: left as is` };
  }

  /** A private or protected member is only callable from inside its class (hierarchy): refuse those outright. */
  private isPublic(property: Symbol_): boolean {
    const ts = this.ts;
    for (const declaration of property.declarations ?? []) {
      const modifiers = ts.getCombinedModifierFlags(declaration);
      if (modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) return false;
      const name = (declaration as { name?: Node }).name;
      if (name && ts.isPrivateIdentifier(name)) return false;
    }
    return true;
  }

  private acceptsArguments(signature: TsNamespace.Signature, call: CallExpression): boolean {
    const parameters = signature.getParameters();
    const declarations = parameters.map((p) => p.valueDeclaration as TsNamespace.ParameterDeclaration | undefined);
    const rest = declarations.length > 0 && declarations[declarations.length - 1]?.dotDotDotToken !== undefined;
    // isOptionalParameter also knows JSDoc's `[name]` and initializers.
    const required = declarations.filter((d) => d && !d.dotDotDotToken && !this.checker.isOptionalParameter(d)).length;
    // A tagged template passes the strings and its expressions: only a tag that takes nothing cannot be one.
    if (!this.ts.isCallExpression(call)) return rest || parameters.length > 0;
    const count = call.arguments.length;
    if (count < required || (!rest && count > parameters.length)) return false;
    // A generic signature is checked by arity only: its parameters are not instantiated here.
    if ((signature.getTypeParameters()?.length ?? 0) > 0) return true;
    return call.arguments.every((argument, index) => {
      const parameter = parameters[Math.min(index, parameters.length - 1)];
      if (!parameter || (rest && index >= parameters.length - 1)) return true;
      const expected = this.checker.getTypeOfSymbolAtLocation(parameter, call);
      return this.checker.isTypeAssignableTo(this.checker.getTypeAtLocation(argument), expected);
    });
  }
}
