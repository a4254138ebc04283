import type { Namer } from "./namers";

export function label(namer: Namer, id: number): string {
  return `#${id} ${namer.nameOf(id)}`;
}
