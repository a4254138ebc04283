/**
 * `--graph FILE`: the propagation graph, as Mermaid (`.mmd`, or a fenced
 * block in `.md`) or Graphviz DOT (`.dot`). Nodes are the configured targets
 * reached, the functions made async and the stops (where a function could
 * not be made async); an edge goes from a caller to what it calls, labelled
 * with where the call is. Built from the run's data (FileResult.promoted and
 * the findings' chains), never from its text output.
 */
import * as path from "node:path";
import type { Finding, Promotion } from "../decision/findings";
import type { FileResult } from "../runner/run";
import { displayPath } from "./paths";

export type GraphFormat = "mermaid" | "markdown" | "dot";

/** The format a file name asks for, or undefined for an extension we do not write. */
export function graphFormatOf(file: string): GraphFormat | undefined {
  const extension = path.extname(file).toLowerCase();
  if (extension === ".mmd" || extension === ".mermaid") return "mermaid";
  if (extension === ".md") return "markdown";
  if (extension === ".dot" || extension === ".gv") return "dot";
  return undefined;
}

interface GraphNode {
  readonly id: string;
  readonly kind: "target" | "async" | "stop";
  readonly label: readonly string[];
}

interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

export interface PropagationGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

export function propagationGraph(files: readonly FileResult[], cwd: string): PropagationGraph {
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const promotions = files.flatMap((file) => file.promoted ?? []);
  const idOf = new Map<string, string>();
  const id = (key: string) => {
    let known = idOf.get(key);
    if (!known) {
      known = `n${idOf.size}`;
      idOf.set(key, known);
    }
    return known;
  };
  // By where it is declared: two methods of one name in a file are two nodes.
  const promotedKey = (promotion: Promotion) => `async\0${promotion.file}\0${promotion.line}:${promotion.column}`;
  const targetNode = (name: string) => {
    const key = `target\0${name}`;
    if (!nodes.has(key)) nodes.set(key, { id: id(key), kind: "target", label: [name, "(target)"] });
    return nodes.get(key)!.id;
  };
  // A callee made async in some file; by name when the finding does not say which file (a method, a stop).
  const calleeNode = (name: string, near: string, declared?: { readonly file?: string; readonly at?: number }) => {
    const candidates = promotions.filter((p) => (p.name === name || p.label === name)
      && (declared?.file === undefined || p.file === declared.file) && (declared?.at === undefined || p.declaredAt === declared.at));
    const chosen = candidates.find((p) => p.file === near) ?? candidates[0];
    return chosen ? id(promotedKey(chosen)) : targetNode(name);
  };
  for (const promotion of promotions) {
    const key = promotedKey(promotion);
    nodes.set(key, { id: id(key), kind: "async", label: [promotion.label ?? promotion.name, `${displayPath(promotion.file, cwd)}:${promotion.line}`] });
  }
  for (const promotion of promotions) {
    for (const call of promotion.calls) {
      const to = calleeNode(call.target, promotion.file, { file: call.targetFile, at: call.targetAt });
      edges.push({ from: id(promotedKey(promotion)), to, label: `${displayPath(promotion.file, cwd)}:${call.line}` });
    }
  }
  for (const file of files) {
    for (const finding of file.findings) {
      if (finding.action !== "manual" || finding.stop === undefined) continue;
      const key = `stop\0${file.file}\0${finding.line}:${finding.column}`;
      nodes.set(key, { id: id(key), kind: "stop", label: [stopName(finding), `${displayPath(file.file, cwd)}:${finding.line}`, finding.stop] });
      edges.push({ from: id(key), to: calleeNode(finding.target, file.file), label: `${displayPath(file.file, cwd)}:${finding.line}` });
    }
  }
  return { nodes: [...nodes.values()].sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1))), edges };
}

function stopName(finding: Finding): string {
  return `stop: ${finding.chain?.[finding.chain.length - 1] ?? "?"}`;
}

export function renderGraph(graph: PropagationGraph, format: GraphFormat): string {
  if (format === "dot") return renderDot(graph);
  const mermaid = renderMermaid(graph);
  return format === "markdown" ? `\`\`\`mermaid\n${mermaid}\`\`\`\n` : mermaid;
}

/** Mermaid: `#quot;` inside a quoted label, `<br/>` between lines. */
function renderMermaid(graph: PropagationGraph): string {
  const text = (value: string) => value.replace(/"/g, "#quot;").replace(/[<>]/g, (c) => (c === "<" ? "#lt;" : "#gt;"));
  const shape = (node: GraphNode) => {
    const label = `"${node.label.map(text).join("<br/>")}"`;
    return node.kind === "target" ? `([${label}])` : node.kind === "stop" ? `{{${label}}}` : `[${label}]`;
  };
  const lines = ["flowchart BT"];
  for (const node of graph.nodes) lines.push(`  ${node.id}${shape(node)}`);
  for (const edge of graph.edges) lines.push(`  ${edge.from} -->|"${text(edge.label)}"| ${edge.to}`);
  const of = (kind: GraphNode["kind"]) => graph.nodes.filter((n) => n.kind === kind).map((n) => n.id);
  lines.push("  classDef target fill:#e8f0fe,stroke:#1a73e8");
  lines.push("  classDef async fill:#e6f4ea,stroke:#188038");
  lines.push("  classDef stop fill:#fce8e6,stroke:#d93025");
  for (const kind of ["target", "async", "stop"] as const) {
    if (of(kind).length > 0) lines.push(`  class ${of(kind).join(",")} ${kind}`);
  }
  return `${lines.join("\n")}\n`;
}

function renderDot(graph: PropagationGraph): string {
  const text = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, "\\\"");
  const style: Readonly<Record<GraphNode["kind"], string>> = {
    target: "shape=ellipse, style=filled, fillcolor=\"#e8f0fe\"",
    async: "shape=box, style=filled, fillcolor=\"#e6f4ea\"",
    stop: "shape=octagon, style=filled, fillcolor=\"#fce8e6\"",
  };
  const lines = ["digraph propagation {", "  rankdir=BT;"];
  for (const node of graph.nodes) lines.push(`  ${node.id} [label="${node.label.map(text).join("\\n")}", ${style[node.kind]}];`);
  for (const edge of graph.edges) lines.push(`  ${edge.from} -> ${edge.to} [label="${text(edge.label)}"];`);
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
