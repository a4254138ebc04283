/**
 * `--verify`'s reach beyond the changed files: the unchanged files whose
 * diagnostics an edit can alter are those that import a changed file (an
 * import, `export … from`, `import x = require`, `import()`, or `require` in
 * checked JavaScript), and, through a file that re-exports it (a barrel), the
 * files that import that barrel. Read from the module resolutions the program
 * already made, so `paths` aliases and `.js` specifiers count as tsc resolves
 * them, and nothing is parsed or resolved again. A file that only uses a
 * changed function inside its own exports (an inferred return type) is not
 * followed further: that would be most of the program, for a case the
 * cascade itself covers (a caller made async is a changed file).
 */
import type { ts } from "ts-morph";
import type { Ts } from "./project";

interface Edge {
  readonly importer: ts.SourceFile;
  readonly specifier: string;
}

/** `forEachResolvedModule` is internal to TypeScript (the version ts-morph pins); the CLI tests of --verify hold it to that. */
type ResolvingProgram = ts.Program & {
  forEachResolvedModule(callback: (resolution: ts.ResolvedModuleWithFailedLookupLocations, name: string, mode: ts.ResolutionMode, filePath: ts.Path) => void): void;
};

export interface ImportGraph {
  /** Unchanged importers (file names as the program spells them) with the changed files each one reaches. */
  importersOf(changed: ReadonlySet<string>): Map<string, Set<string>>;
}

export function importGraph(typescript: Ts, program: ts.Program): ImportGraph {
  const edges = new Map<string, Edge[]>();
  (program as ResolvingProgram).forEachResolvedModule((resolution, specifier, _mode, filePath) => {
    const resolved = resolution.resolvedModule && program.getSourceFile(resolution.resolvedModule.resolvedFileName);
    const importer = program.getSourceFileByPath(filePath);
    if (!resolved || !importer || importer.isDeclarationFile || program.isSourceFileFromExternalLibrary(importer)) return;
    const list = edges.get(resolved.fileName) ?? [];
    list.push({ importer, specifier });
    edges.set(resolved.fileName, list);
  });
  return {
    importersOf(changed) {
      const reached = new Map<string, Set<string>>();
      for (const target of changed) {
        const queued = new Set([target]);
        const queue = [target];
        while (queue.length > 0) {
          for (const { importer, specifier } of edges.get(queue.pop()!) ?? []) {
            const name = importer.fileName;
            if (!changed.has(name)) reached.set(name, (reached.get(name) ?? new Set()).add(target));
            if (!queued.has(name) && reexports(typescript, importer, specifier)) {
              queued.add(name);
              queue.push(name);
            }
          }
        }
      }
      return reached;
    },
  };
}

/** Whether `file` passes on what it gets from `specifier`: `export … from` it, or an export of a name imported from it. */
function reexports(typescript: Ts, file: ts.SourceFile, specifier: string): boolean {
  const from = (node: ts.Expression | undefined) => node !== undefined && typescript.isStringLiteral(node) && node.text === specifier;
  const imported = new Set<string>();
  for (const statement of file.statements) {
    if (typescript.isExportDeclaration(statement) && from(statement.moduleSpecifier)) return true;
    if (typescript.isImportDeclaration(statement) && from(statement.moduleSpecifier) && statement.importClause) {
      const { name, namedBindings } = statement.importClause;
      if (name) imported.add(name.text);
      if (namedBindings && typescript.isNamespaceImport(namedBindings)) imported.add(namedBindings.name.text);
      if (namedBindings && typescript.isNamedImports(namedBindings)) for (const element of namedBindings.elements) imported.add(element.name.text);
    }
    if (typescript.isImportEqualsDeclaration(statement) && typescript.isExternalModuleReference(statement.moduleReference) && from(statement.moduleReference.expression)) {
      if (statement.modifiers?.some((modifier) => modifier.kind === typescript.SyntaxKind.ExportKeyword)) return true;
      imported.add(statement.name.text);
    }
  }
  if (imported.size === 0) return false;
  return file.statements.some((statement) =>
    (typescript.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause !== undefined && typescript.isNamedExports(statement.exportClause)
      && statement.exportClause.elements.some((element) => imported.has((element.propertyName ?? element.name).text)))
    || (typescript.isExportAssignment(statement) && typescript.isIdentifier(statement.expression) && imported.has(statement.expression.text)));
}
