/**
 * The floor for a JavaScript tool, one of the bench's baselines: start Node,
 * list and read every file, scan it for the target names, and Babel-parse
 * only the files that mention one. Nothing else.
 *
 *   node dist/bench/floor.js DIR name [name...]
 */
import * as babel from "@babel/parser";
import * as fs from "node:fs";
import * as path from "node:path";

const [dir, ...names] = process.argv.slice(2);
const EXTENSIONS = new Set([".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"]);
let parsed = 0;
let files = 0;

function walk(current: string): void {
  for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === ".git") continue;
    const full = path.join(current, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.isFile() && EXTENSIONS.has(path.extname(entry.name))) {
      files++;
      const text = fs.readFileSync(full, "utf8");
      if (!names.some((name) => text.includes(name))) continue;
      const ext = path.extname(full);
      const plugins: babel.ParserPlugin[] = ext === ".ts" || ext === ".mts" || ext === ".cts" ? ["typescript"] : ext === ".tsx" ? ["typescript", "jsx"] : ["jsx"];
      try {
        // Parsed as unawaited parses (no comment attachment), so the floor is not slower than it need be.
        babel.parse(text, { sourceType: "unambiguous", plugins, errorRecovery: true, attachComment: false });
        parsed++;
      } catch {
        // The floor counts the attempt either way.
      }
    }
  }
}

walk(path.resolve(dir!));
process.stdout.write(`${files} files, ${parsed} parsed\n`);
