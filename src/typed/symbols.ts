/** Symbol helpers shared by the typed resolver and its module index. */
import type { ts as TsNamespace } from "ts-morph";
import { nameOffset } from "./hierarchy";
import type { Ts } from "./project";

export class Symbols {
  constructor(
    private readonly ts: Ts,
    private readonly checker: TsNamespace.TypeChecker,
  ) {}

  /** The symbol a name resolves to, through import/export aliases. */
  resolvedSymbol(node: TsNamespace.Node): TsNamespace.Symbol | undefined {
    const symbol = this.checker.getSymbolAtLocation(node);
    if (!symbol) return undefined;
    return symbol.flags & this.ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
  }

  /**
   * Whether one of the symbol's declarations has its name at `at` in `file`
   * (an absolute path): a function expression or arrow by the name it is
   * assigned to (`const f = () => …`), a computed name at its expression.
   */
  isDeclaredAt(symbol: TsNamespace.Symbol, file: string, at: number): boolean {
    const ts = this.ts;
    const fileName = file.split("\\").join("/");
    return (symbol.declarations ?? []).some((declaration) => {
      const sourceFile = declaration.getSourceFile();
      if (sourceFile.fileName !== fileName) return false;
      const anonymous = (ts.isArrowFunction(declaration) || ts.isFunctionExpression(declaration)) && !declaration.name;
      const name = ts.getNameOfDeclaration(anonymous ? declaration.parent as TsNamespace.Declaration : declaration);
      return name !== undefined && nameOffset(ts, name, sourceFile) === at;
    });
  }

  declaredName(symbol: TsNamespace.Symbol): string | undefined {
    const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
    if (!declaration) return undefined;
    const named = (declaration as { name?: TsNamespace.Node }).name;
    if (named && (this.ts.isIdentifier(named) || this.ts.isPrivateIdentifier(named))) return named.text;
    return symbol.name === "default" || symbol.name.startsWith("__") ? undefined : symbol.name;
  }
}
