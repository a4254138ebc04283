/**
 * `npm run bench:real`: precision and recall on real code nobody here wrote.
 * The code bases, their pinned versions and their targets are in
 * real-code.json; the verdict on each edit proposed for unmodified code is in
 * real-code-labels.json, written by reading the edit in its context.
 *
 *   recall      strip `await` from one real call of a target at a time (a
 *               seeded sample), fix the file, and check the await comes back
 *               byte for byte. A site the documented rules leave alone once
 *               stripped (`return f()` outside try/catch, a stored promise
 *               that is returned) is counted apart, as is one reported manual.
 *   precision   `fix --dry` on the unmodified code: every proposed edit,
 *               labelled real-bug or false-edit, per 1,000 target call sites
 *               (every call the run found, whatever its action).
 *
 *   npm run bench:real                          every code base, 150 sites each
 *   npm run bench:real -- --sample 50 --seed 7 --only websockets --no-typed
 *
 * Code is fetched once, with npm (`npm install` of the exact version, for its
 * sources and the dependencies the typed engine needs) or apt (`apt-get
 * download` of the exact Debian version), into $UNAWAITED_REAL_CODE_CACHE or
 * ~/.cache/unawaited-real-code, never into the repository. Results go to
 * real-code-results.json (git-ignored).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Finding } from "../src/decision/findings";
import { moduleKindOf } from "../src/javascript/facts/module-kind";
import { resolveConfig } from "../src/config/validate";
import type { ResolvedConfig, TargetInput } from "../src/config/schema";
import { transformSource, type EditKind } from "../src/engine";
import { DEFAULT_EXTENSIONS, parserChoiceFor, parserFor } from "../src/javascript/parsers";
import { isPythonFile, loadPython } from "../src/python/index";
import { parsePython } from "../src/python/parser";
import { allFiles, run } from "../src/runner/run";

const HERE = path.join(__dirname, "..", "..", "bench");
const EDITS: ReadonlySet<EditKind> = new Set(["await", "sync-variant"]);

export interface CodeBase {
  readonly name: string;
  readonly language: "typescript" | "python";
  /** `npm`: a package spec with an exact version; `deb`: `package=version`. */
  readonly npm?: string;
  readonly deb?: string;
  /** More npm packages beside it, for the typed engine's view of the code (e.g. `@types/node`). */
  readonly alsoInstall?: readonly string[];
  /** The directory to run on, inside the package. */
  readonly root: string;
  /** Run the typed engine too, with this tsconfig written into the package. */
  readonly tsconfig?: object;
  /**
   * Files the code base's own repository has and its package leaves out, written
   * beside the tsconfig for the typed engine (path in the package → content).
   */
  readonly typedSetup?: Readonly<Record<string, string>>;
  readonly targets: readonly TargetInput[];
  readonly why: string;
}

interface Label {
  readonly codeBase: string;
  readonly file: string;
  readonly target: string;
  readonly text: string;
  readonly label: "real-bug" | "false-edit";
  readonly category: string;
}

interface Edit {
  readonly engine: "syntactic" | "typed";
  readonly file: string;
  readonly line: number;
  readonly target: string;
  readonly action: string;
  readonly text: string;
  readonly label: string;
  readonly category?: string;
}

/** What became of one stripped await. */
type Outcome = "restored" | "documented" | "manual" | "missed" | "wrong edit" | "crash";

interface Trial {
  readonly file: string;
  readonly line: number;
  readonly text: string;
  readonly outcome: Outcome;
  readonly detail?: string;
}

function parseOptions(argv: readonly string[]) {
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index === -1 ? undefined : argv[index + 1];
  };
  return {
    sample: Number(value("--sample") ?? 150),
    seed: Number(value("--seed") ?? 1),
    only: value("--only"),
    typed: !argv.includes("--no-typed"),
    cache: realCodeCache(),
    out: path.resolve(value("--out") ?? "real-code-results.json"),
  };
}

/** Where code bases are fetched to, outside the repository. */
export function realCodeCache(): string {
  return path.resolve(process.env["UNAWAITED_REAL_CODE_CACHE"] ?? path.join(os.homedir(), ".cache", "unawaited-real-code"));
}

/** The package directory, fetched on first use; throws when it cannot be fetched. */
export function fetchCodeBase(codeBase: CodeBase, cache: string): string {
  const spec = (codeBase.npm ?? codeBase.deb)!;
  const dir = path.join(cache, spec.replace(/[^\w.@=-]+/g, "+"));
  const done = path.join(dir, ".fetched");
  const packageDir = codeBase.npm
    ? path.join(dir, "node_modules", codeBase.npm.slice(0, codeBase.npm.lastIndexOf("@")))
    : path.join(dir, "extracted");
  if (fs.existsSync(done)) return packageDir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const commands = codeBase.npm
    ? [["npm", "install", "--prefix", dir, "--ignore-scripts", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", codeBase.npm, ...(codeBase.alsoInstall ?? [])]]
    : [["apt-get", "download", codeBase.deb!]];
  for (const [command, ...args] of commands) {
    const result = spawnSync(command!, args, { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
    if (result.status !== 0) throw new Error(`cannot fetch ${spec} (${command} exited ${result.status ?? result.error?.message}); it needs the ${codeBase.npm ? "npm registry" : "Debian archive, after apt-get update"}`);
  }
  if (codeBase.deb) {
    const deb = fs.readdirSync(dir).find((name) => name.endsWith(".deb"))!;
    const result = spawnSync("dpkg-deb", ["-x", path.join(dir, deb), packageDir], { stdio: "inherit" });
    if (result.status !== 0) throw new Error(`cannot unpack ${deb}`);
  }
  fs.writeFileSync(done, "");
  return packageDir;
}

/** Start and end of `await ` before each call of a target, found by parsing (never by the tool under test). */
function awaitedCalls(file: string, source: string, names: ReadonlySet<string>): { start: number; end: number }[] {
  const sites: { start: number; end: number }[] = [];
  const add = (start: number, argumentStart: number) => {
    if (/^await\s+$/.test(source.slice(start, argumentStart))) sites.push({ start, end: argumentStart });
  };
  if (isPythonFile(file)) {
    const tree = parsePython(source);
    for (const node of tree.rootNode.descendantsOfType("await")) {
      const call = node?.namedChildren[0];
      const callee = call?.type === "call" ? call.childForFieldName("function") : undefined;
      const name = callee?.type === "attribute" ? callee.childForFieldName("attribute")?.text : callee?.text;
      if (call && name && names.has(name)) add(node!.startIndex, call.startIndex);
    }
    tree.delete();
    return sites;
  }
  type Node = { type: string; start: number; argument?: Node; callee?: Node; property?: Node; name?: string };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    const n = node as Node;
    if (n.type === "AwaitExpression" && /CallExpression$/.test(n.argument?.type ?? "")) {
      const callee = n.argument!.callee!;
      // `this.#send()` is another method than `send`: private names are left out.
      const name = /MemberExpression$/.test(callee.type) ? callee.property?.name : callee.name;
      if (name && names.has(name)) add(n.start, n.argument!.start);
    }
    for (const key in n) if (key !== "loc" && key !== "extra") visit((n as Record<string, unknown>)[key]);
  };
  visit(parserFor(parserChoiceFor(file, moduleKindOf(file))!).parse(source));
  return sites;
}

/** A small seeded generator (mulberry32), so a sample is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function lineAt(source: string, offset: number): { line: number; text: string } {
  const line = source.slice(0, offset).split("\n").length;
  return { line, text: source.split("\n")[line - 1]!.trim() };
}

/**
 * Strips one await and fixes the file. The expected output is the fix of the
 * unmodified file, so an edit proposed elsewhere in it does not count against
 * the site.
 */
function trial(file: string, source: string, site: { start: number; end: number }, config: ResolvedConfig): Trial {
  const stripped = source.slice(0, site.start) + source.slice(site.end);
  const { line, text } = lineAt(source, site.start);
  const fix = (text: string) => transformSource({ source: text, file, config, edits: EDITS });
  try {
    const expected = fix(source).output;
    const result = fix(stripped);
    if (result.output === expected) return { file, line, text, outcome: "restored" };
    const callLine = lineAt(stripped, site.start).line;
    const finding = result.findings.find((f) => f.line === callLine && f.action !== "await" && f.action !== "sync-variant");
    const changedHere = result.findings.some((f) => f.line === callLine && (f.action === "await" || f.action === "sync-variant"));
    if (changedHere) return { file, line, text, outcome: "wrong edit", detail: firstDifference(expected, result.output) };
    if (!finding) return { file, line, text, outcome: "missed", detail: "no finding" };
    if (finding.action === "manual") return { file, line, text, outcome: "manual", detail: finding.reason };
    const valueUse = storedValueUse(stripped, callLine, finding);
    if (valueUse) return { file, line, text, outcome: "missed", detail: valueUse };
    return { file, line, text, outcome: documented(finding) ? "documented" : "missed", detail: finding.reason };
  } catch (error) {
    return { file, line, text, outcome: "crash", detail: (error as Error).message.split("\n")[0]! };
  }
}

/** Left alone by a documented rule: a returned promise (returnAwait) or a stored one that is returned or awaited. */
function documented(finding: Finding): boolean {
  return /^(returned|stored)/.test(finding.reason);
}

/**
 * A stored result the rules leave alone because a later line returns it, but
 * which the lines up to that return also use as a value (`res.ok`, `check(res)`):
 * the stripped await had to come back. Read from the text, so approximate.
 */
function storedValueUse(source: string, callLine: number, finding: Finding): string | undefined {
  const match = /^stored in ([\w.]+), which (?:line (\d+) returns|is used as a promise at line (\d+) \(returned)/.exec(finding.reason);
  if (!match) return undefined;
  const name = match[1]!.replace(/\./g, "\\.");
  const lines = source.split("\n").slice(callLine, Number(match[2] ?? match[3])).join("\n");
  const rest = lines.replace(new RegExp(`\\breturn\\s+${name}\\b(?!\\s*[.[(?])`, "g"), "");
  return new RegExp(`\\b${name}\\b`).test(rest) ? `stored in ${match[1]}, used as a value before it is returned` : undefined;
}

function firstDifference(expected: string, actual: string): string {
  const a = expected.split("\n");
  const b = actual.split("\n");
  const i = a.findIndex((line, index) => line !== b[index]);
  return `expected ${JSON.stringify(a[i]?.trim())}, got ${JSON.stringify(b[i]?.trim())}`;
}

function measureRecall(root: string, files: readonly string[], config: ResolvedConfig, options: { sample: number; seed: number }): Trial[] {
  const names = new Set(config.targets.map((t) => t.name));
  const candidates = files.flatMap((file) => {
    const source = fs.readFileSync(file, "utf8");
    try {
      return awaitedCalls(file, source, names).map((site) => ({ file, source, site }));
    } catch {
      return [];
    }
  });
  const next = random(options.seed);
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
  }
  return candidates.slice(0, options.sample).map(({ file, source, site }) => ({ ...trial(file, source, site, config), file: path.relative(root, file) }));
}

/** Every edit `fix --dry` proposes on the unmodified code, with its label. */
async function measurePrecision(codeBase: CodeBase, root: string, config: ResolvedConfig, labels: readonly Label[]) {
  const result = await run({ roots: [{ path: root, config }], edits: EDITS, extensions: DEFAULT_EXTENSIONS, gitignore: false, ignore: [], maxFileSize: 1024 * 1024 });
  const files = allFiles(result);
  const edits: Edit[] = [];
  for (const fileResult of files) {
    const lines = fileResult.findings.length > 0 ? fs.readFileSync(fileResult.file, "utf8").split("\n") : [];
    for (const f of fileResult.findings) {
      if (f.action !== "await" && f.action !== "sync-variant") continue;
      const file = path.relative(root, f.file);
      const text = lines[f.line - 1]!.trim();
      const label = labels.find((l) => l.codeBase === codeBase.name && l.file === file && l.target === f.target && l.text === text);
      edits.push({ engine: config.engine, file, line: f.line, target: f.target, action: f.action, text, label: label?.label ?? "unlabelled", ...(label ? { category: label.category } : {}) });
    }
  }
  return {
    files: files.map((f) => f.file),
    sites: files.reduce((sum, f) => sum + f.findings.length, 0),
    errors: files.filter((f) => f.status === "error").map((f) => `${path.relative(root, f.file)}: ${f.message}`),
    edits,
  };
}

function perThousand(count: number, sites: number): string {
  return sites === 0 ? "–" : (count * 1000 / sites).toFixed(1);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const codeBases = (JSON.parse(fs.readFileSync(path.join(HERE, "real-code.json"), "utf8")) as { codeBases: CodeBase[] }).codeBases
    .filter((c) => options.only === undefined || c.name === options.only);
  const labels = JSON.parse(fs.readFileSync(path.join(HERE, "real-code-labels.json"), "utf8")) as Label[];
  await loadPython();
  const rows: string[] = [];
  const report = [];
  for (const codeBase of codeBases) {
    process.stderr.write(`bench:real: ${codeBase.name}\n`);
    const packageDir = fetchCodeBase(codeBase, options.cache);
    const root = path.join(packageDir, codeBase.root);
    const config = resolveConfig({ targets: codeBase.targets }, "bench/real-code.json");
    const syntactic = await measurePrecision(codeBase, root, config, labels);
    let typed: Awaited<ReturnType<typeof measurePrecision>> | undefined;
    if (codeBase.tsconfig && options.typed) {
      const project = path.join(packageDir, "tsconfig.unawaited.json");
      fs.writeFileSync(project, JSON.stringify(codeBase.tsconfig));
      for (const [file, content] of Object.entries(codeBase.typedSetup ?? {})) {
        fs.mkdirSync(path.dirname(path.join(packageDir, file)), { recursive: true });
        fs.writeFileSync(path.join(packageDir, file), content);
      }
      typed = await measurePrecision(codeBase, root, { ...config, engine: "typed", project }, labels);
    }
    const trials = measureRecall(root, syntactic.files.filter((f) => !f.endsWith(".d.ts")), config, options);
    const count = (outcome: Outcome) => trials.filter((t) => t.outcome === outcome).length;
    const edits = [...syntactic.edits, ...(typed?.edits ?? [])];
    const falseEdits = (engine: string) => edits.filter((e) => e.engine === engine && e.label === "false-edit").length;
    const unlabelled = edits.filter((e) => e.label === "unlabelled").length;
    rows.push(`| ${codeBase.name} | ${syntactic.sites} | ${count("restored")}/${trials.length} | ${count("documented")} / ${count("manual")} | ${count("missed")} / ${count("wrong edit")} / ${count("crash")} | ${syntactic.edits.length} (${falseEdits("syntactic")} false) | ${perThousand(falseEdits("syntactic"), syntactic.sites)} | ${typed ? `${typed.edits.length} (${falseEdits("typed")} false) of ${typed.sites} sites` : "–"} | ${unlabelled} |`);
    report.push({ ...codeBase, sites: syntactic.sites, typedSites: typed?.sites, errors: [...syntactic.errors, ...(typed?.errors ?? [])], edits, trials });
  }
  const table = [
    "| code base | call sites | recall: restored | documented / manual | missed / wrong / crash | edits on unmodified code | false edits per 1,000 sites | typed engine | unlabelled |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
  fs.writeFileSync(options.out, JSON.stringify({ date: new Date().toISOString(), sample: options.sample, seed: options.seed, codeBases: report }, null, 2));
  process.stdout.write(`${table}\n\nDetails (every edit, every stripped site): ${options.out}\n`);
}

// bench/typed-propagate.ts imports fetchCodeBase; only `node real-code.js` runs the bench.
if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench:real: ${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}
