/**
 * A method's hierarchy, as the checker sees it: every declaration of the
 * same member in the classes and interfaces it is connected to by `extends`
 * and `implements`, up (what it overrides or implements) and down (what
 * overrides or implements it), so also a sibling implementing the same
 * interface. Making one of them async changes what the others' callers get:
 * propagation makes all of them async together, or none.
 */
import type { ts as TsNamespace } from "ts-morph";
import type { Ts } from "./project";

type Node = TsNamespace.Node;
type Container = TsNamespace.ClassLikeDeclaration | TsNamespace.InterfaceDeclaration;

export interface HierarchyMember {
  /** The checker's file name (forward slashes). */
  readonly file: string;
  /** Offset of the member's name in the engine's source (past a byte order mark). */
  readonly at: number;
  /** `Store.load`. */
  readonly label: string;
  /** 1-based. */
  readonly line: number;
  /**
   * `method`: a method with a body, or a property holding a function: made
   * async. `signature`: an interface or abstract method: its return type is
   * wrapped. `other`: anything else (a function-typed property, an accessor,
   * an overload list in a declaration file): nothing here can make it async.
   */
  readonly kind: "method" | "signature" | "other";
  /** In a declaration file or a library: never edited. */
  readonly external: boolean;
  /** Its declared return type is not a promise (`get(): number`): its callers read a value. */
  readonly returnsValue: boolean;
}

export class Hierarchies {
  /** Each class or interface, by the containers that extend or implement it. */
  private derivedIndex: Map<Node, Container[]> | undefined;

  constructor(
    private readonly ts: Ts,
    private readonly program: TsNamespace.Program,
    private readonly checker: TsNamespace.TypeChecker,
  ) {}

  /**
   * The hierarchy of the member whose name is at `at` in `fileName`,
   * itself first; just itself when it overrides, implements and is
   * overridden by nothing. Undefined when the checker has no such member:
   * then nothing is known of its hierarchy.
   */
  membersOf(fileName: string, at: number): HierarchyMember[] | undefined {
    const sourceFile = this.program.getSourceFile(fileName);
    const declaration = sourceFile ? this.memberAt(sourceFile, at) : undefined;
    if (!declaration) return undefined;
    const key = memberKey(this.ts, this.ts.getNameOfDeclaration(declaration));
    if (key === undefined) return undefined;
    const isStatic = this.isStatic(declaration);
    const found = new Map<Node, HierarchyMember>([[declaration, this.describe(declaration)]]);
    const containers: Container[] = [];
    const parent = declaration.parent;
    if (this.ts.isObjectLiteralExpression(parent)) {
      // `const store: Store = { load() {} }`: it implements the contextual type's member.
      const contextual = this.checker.getContextualType(parent);
      const implemented = contextual ? this.checker.getPropertyOfType(contextual, key) : undefined;
      for (const member of implemented?.declarations ?? []) {
        if (this.isContainer(member.parent)) containers.push(member.parent);
        // A type literal's member (`type Store = { get(): number }`): not followed, so it blocks.
        else if (!found.has(member)) found.set(member, this.describe(member));
      }
    } else if (this.isContainer(parent)) {
      containers.push(parent);
    }
    const ts = this.ts;
    const seen = new Set<Node>();
    while (containers.length > 0) {
      const container = containers.pop()!;
      if (seen.has(container)) continue;
      seen.add(container);
      const own = (container.members as TsNamespace.NodeArray<TsNamespace.ClassElement | TsNamespace.TypeElement>)
        .filter((member) => memberKey(ts, member.name) === key && this.isStatic(member) === isStatic);
      // Overloads: an implementation stands for its signatures (make-async wraps them with it);
      // without one (an interface, an abstract method), every signature is a member.
      const implementation = own.find((candidate) => ts.isMethodDeclaration(candidate) && candidate.body);
      if (!own.some((candidate) => found.has(candidate))) {
        for (const member of implementation ? [implementation] : own) found.set(member, this.describe(member));
      }
      for (const base of this.basesOf(container, key, isStatic)) {
        if (this.isContainer(base.parent)) containers.push(base.parent);
        else if (!found.has(base)) found.set(base, this.describe(base));
      }
      containers.push(...(isStatic ? this.derivedClasses(container) : this.derivedOf(container)));
    }
    return [...found.values()];
  }

  /** The class, interface or object literal member whose name starts at `at`. */
  private memberAt(sourceFile: TsNamespace.SourceFile, at: number): TsNamespace.Declaration | undefined {
    const ts = this.ts;
    const bom = bomLength(sourceFile);
    let found: TsNamespace.Declaration | undefined;
    const visit = (node: Node): void => {
      if (found || node.getEnd() < at + bom || node.pos > at + bom) return;
      if ((ts.isClassElement(node) || ts.isTypeElement(node) || ts.isObjectLiteralElementLike(node)) && node.name && nameOffset(ts, node.name, sourceFile) === at) {
        found = node;
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    return found;
  }

  private isContainer(node: Node | undefined): node is Container {
    return node !== undefined && (this.ts.isClassLike(node) || this.ts.isInterfaceDeclaration(node));
  }

  private isStatic(node: Node): boolean {
    const modifiers = this.ts.canHaveModifiers(node) ? this.ts.getModifiers(node) : undefined;
    return modifiers?.some((modifier) => modifier.kind === this.ts.SyntaxKind.StaticKeyword) ?? false;
  }

  /** The declarations of the member that this one's `extends` and `implements` give it. */
  private basesOf(container: Container, key: string, isStatic: boolean): TsNamespace.Declaration[] {
    const ts = this.ts;
    const bases: TsNamespace.Declaration[] = [];
    for (const clause of container.heritageClauses ?? []) {
      for (const heritage of clause.types) {
        let type = this.checker.getTypeAtLocation(heritage);
        // A static member comes from the base class's constructor.
        if (isStatic) {
          if (clause.token !== ts.SyntaxKind.ExtendsKeyword || !ts.isClassLike(container)) continue;
          type = this.checker.getTypeAtLocation(heritage.expression);
        }
        const member = this.checker.getPropertyOfType(type, key);
        bases.push(...(member?.declarations ?? []));
      }
    }
    return bases;
  }

  /** Containers that extend or implement this one, from the program's own files (built once). */
  private derivedOf(container: Container): Container[] {
    return this.index().get(container) ?? [];
  }

  private derivedClasses(container: Container): Container[] {
    return this.derivedOf(container).filter((derived) => this.ts.isClassLike(derived));
  }

  private index(): Map<Node, Container[]> {
    if (this.derivedIndex) return this.derivedIndex;
    const ts = this.ts;
    const index = new Map<Node, Container[]>();
    const visit = (node: Node): void => {
      if (this.isContainer(node)) {
        for (const clause of node.heritageClauses ?? []) {
          for (const heritage of clause.types) {
            let symbol = this.checker.getSymbolAtLocation(heritage.expression);
            if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
            for (const base of symbol?.declarations ?? []) {
              if (!this.isContainer(base)) continue;
              const list = index.get(base) ?? [];
              list.push(node);
              index.set(base, list);
            }
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    for (const sourceFile of this.program.getSourceFiles()) {
      if (sourceFile.isDeclarationFile || this.program.isSourceFileFromExternalLibrary(sourceFile)) continue;
      // Only files that can hold a heritage clause.
      if (!/\b(?:extends|implements)\b/.test(sourceFile.text)) continue;
      visit(sourceFile);
    }
    this.derivedIndex = index;
    return index;
  }

  private describe(member: TsNamespace.Declaration): HierarchyMember {
    const ts = this.ts;
    const sourceFile = member.getSourceFile();
    const name = ts.getNameOfDeclaration(member)!;
    const start = nameStart(ts, name, sourceFile);
    const container = member.parent;
    const alias = ts.isTypeLiteralNode(container) && ts.isTypeAliasDeclaration(container.parent) ? container.parent.name.text : undefined;
    const owner = this.isContainer(container) ? container.name?.text ?? "(anonymous class)" : alias ?? (ts.isObjectLiteralExpression(container) ? "(object)" : "(type)");
    const external = sourceFile.isDeclarationFile || this.program.isSourceFileFromExternalLibrary(sourceFile);
    return {
      file: sourceFile.fileName,
      at: start - bomLength(sourceFile),
      label: `${owner}.${name.getText(sourceFile)}`,
      line: sourceFile.getLineAndCharacterOfPosition(start).line + 1,
      // A member of a type literal, a mapped or intersection type: not a class or interface this run follows.
      kind: this.isContainer(container) || ts.isObjectLiteralExpression(container) ? this.kindOf(member) : "other",
      external,
      returnsValue: this.returnsValue(member),
    };
  }

  private returnsValue(member: TsNamespace.Declaration): boolean {
    const ts = this.ts;
    const type = (member as { type?: TsNamespace.TypeNode }).type;
    if (!type || type.kind === ts.SyntaxKind.VoidKeyword || type.kind === ts.SyntaxKind.AnyKeyword || type.kind === ts.SyntaxKind.UnknownKeyword) return false;
    // A method's `type` is its return type; a property's (`get: () => T`) is the function type.
    const declared = this.checker.getTypeFromTypeNode(type);
    const signature = ts.isFunctionTypeNode(type) ? this.checker.getSignaturesOfType(declared, ts.SignatureKind.Call)[0] : undefined;
    const returned = signature ? signature.getReturnType() : declared;
    return this.checker.getPropertyOfType(this.checker.getApparentType(returned), "then") === undefined;
  }

  private kindOf(member: TsNamespace.Declaration): HierarchyMember["kind"] {
    const ts = this.ts;
    if (ts.isMethodDeclaration(member)) return member.body ? "method" : "signature";
    if (ts.isMethodSignature(member)) return "signature";
    if (ts.isPropertyDeclaration(member) && member.initializer && (ts.isArrowFunction(member.initializer) || ts.isFunctionExpression(member.initializer))) return "method";
    if (ts.isPropertyAssignment(member) && (ts.isArrowFunction(member.initializer) || ts.isFunctionExpression(member.initializer))) return "method";
    return "other";
  }
}

/**
 * Where a member's name starts in the checker's text: a computed name
 * (`["get"]()`) at its expression, as Babel keeps a computed key.
 */
function nameStart(ts: Ts, name: TsNamespace.Node, sourceFile: TsNamespace.SourceFile): number {
  return ts.isComputedPropertyName(name) ? name.expression.getStart(sourceFile) : name.getStart(sourceFile);
}

/** The same as the engine counts it: the engine's offsets are past a byte order mark, the checker's text may hold one. */
export function nameOffset(ts: Ts, name: TsNamespace.Node, sourceFile: TsNamespace.SourceFile): number {
  return nameStart(ts, name, sourceFile) - bomLength(sourceFile);
}

function bomLength(sourceFile: TsNamespace.SourceFile): number {
  return sourceFile.text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

/** A member's name as a key: `get`, `"get"`, `["get"]`, `#get`; undefined for a computed name that is not a literal. */
function memberKey(ts: Ts, name: TsNamespace.Node | undefined): string | undefined {
  if (!name) return undefined;
  const named = ts.isComputedPropertyName(name) ? name.expression : name;
  return ts.isIdentifier(named) || ts.isPrivateIdentifier(named) || ts.isStringLiteralLike(named) || ts.isNumericLiteral(named) ? named.text : undefined;
}
