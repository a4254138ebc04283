/**
 * The README and docs/ keep working: the README fits on a screen, every link
 * between them resolves (file and heading), every `unawaited …` command in a
 * shell block parses as the CLI parses it, and every config shown validates.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../src/config/validate";
import { commandOf } from "../src/cli/main";
import { REPO_ROOT } from "./cli-helpers";

const DOCS = ["README.md", ...fs.readdirSync(path.join(REPO_ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
const read = (doc: string) => fs.readFileSync(path.join(REPO_ROOT, doc), "utf8");

/** The fenced blocks of a Markdown text, with their language. */
function blocks(text: string): { lang: string; body: string }[] {
  return [...text.matchAll(/^```(\w*)\n([^]*?)^```$/gm)].map((m) => ({ lang: m[1]!, body: m[2]! }));
}

/** GitHub's anchor for a heading. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\w\- ]/g, "").replace(/ /g, "-");
}

/** Shell words of one command line, quotes removed, stopping at a comment, pipe, redirection or `&&`. */
function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) {
    const bare = m[3];
    if (bare !== undefined && (bare.startsWith("#") || bare === "|" || bare === "&&" || bare === ">" || bare.startsWith(">"))) break;
    out.push(m[1] ?? m[2] ?? bare!);
  }
  return out;
}

describe("README and docs/", () => {
  it("the README is at most 15 KB", () => {
    expect(Buffer.byteLength(read("README.md"))).toBeLessThanOrEqual(15 * 1024);
  });

  it.each(DOCS)("%s: every relative link names a file that exists, and a heading there", (doc) => {
    const text = read(doc).replace(/^```[^]*?^```$/gm, "");
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue;
      const [file, anchor] = target!.split("#");
      const resolved = file ? path.join(path.dirname(doc), file) : doc;
      expect(fs.existsSync(path.join(REPO_ROOT, resolved)), `${doc}: ${target}`).toBe(true);
      if (anchor && resolved.endsWith(".md")) {
        const headings = read(resolved).replace(/^```[^]*?^```$/gm, "").match(/^#{1,6} .*$/gm) ?? [];
        expect(headings.map((h) => slug(h.replace(/^#+ /, ""))), `${doc}: ${target}`).toContain(anchor);
      }
    }
  });

  it.each(DOCS)("%s: every unawaited command in a shell block parses", async (doc) => {
    for (const block of blocks(read(doc)).filter((b) => b.lang === "sh")) {
      for (const line of block.body.split("\n")) {
        const start = line.search(/(^|\s)(npx )?unawaited /);
        if (start < 0 || line.trimStart().startsWith("#")) continue;
        const args = words(line.slice(start)).filter((w, i, all) => !(i === 0 && w === "npx")).slice(1);
        expect(await commandOf(args), `${doc}: ${line.trim()}`).toBeDefined();
      }
    }
  });

  it.each(DOCS)("%s: every config shown validates", (doc) => {
    for (const block of blocks(read(doc)).filter((b) => b.lang === "json" && /^\{\s*"targets"/.test(b.body.trim()))) {
      expect(() => resolveConfig(JSON.parse(block.body), `${doc}`), block.body).not.toThrow();
    }
  });
});
