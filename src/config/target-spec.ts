/**
 * Inline targets, for the command line: `[module#]name[=>sync]`.
 *
 *   createWebSocketManager                          a name
 *   setWebsocketManagerAsync=>setWebsocketManager   with its sync variant
 *   next/headers#cookies                            only when imported from next/headers
 *   #app/ws#connect=>connectSync                    module specifiers may contain '#': the last one splits
 */
import type { TargetInput } from "./schema";

export const TARGET_SPEC_GRAMMAR = "[module#]name[=>sync]";

export function parseTargetSpec(spec: string): TargetInput {
  const trimmed = spec.trim();
  const arrow = trimmed.indexOf("=>");
  const head = arrow === -1 ? trimmed : trimmed.slice(0, arrow);
  const sync = arrow === -1 ? undefined : trimmed.slice(arrow + 2).trim();
  const hash = head.lastIndexOf("#");
  const module = hash > 0 ? head.slice(0, hash).trim() : undefined;
  const name = (hash > 0 ? head.slice(hash + 1) : head).trim();
  return { name, ...(sync !== undefined ? { sync } : {}), ...(module !== undefined ? { module } : {}) };
}
