/**
 * The registry: the only list of transforms. The CLI, its --help and the
 * README table read from here; a convention test checks each entry has its
 * file, fixtures (with a no-change case) and README section.
 */
import type { EditKind } from "../src/engine";

export interface TransformEntry {
  readonly id: string;
  readonly description: string;
  readonly edits: readonly EditKind[];
  /** Whether the transform needs the type checker (none does yet). */
  readonly needsTypes: boolean;
}

export const TRANSFORMS: readonly TransformEntry[] = [
  {
    id: "await-async-calls",
    description: "await calls of configured async functions in async scopes",
    edits: ["await"],
    needsTypes: false,
  },
  {
    id: "use-sync-variant",
    description: "switch calls in sync scopes to the configured sync variant, updating imports",
    edits: ["sync-variant"],
    needsTypes: false,
  },
  {
    id: "fix-async-calls",
    description: "both of the above in one pass (what `unawaited fix` runs)",
    edits: ["await", "sync-variant"],
    needsTypes: false,
  },
];

export const DEFAULT_TRANSFORM = "fix-async-calls";
