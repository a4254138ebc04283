import type { Namer } from "./namers";

export class LocalNamer implements Namer {
  nameOf(id: number): string {
    return `local ${id}`;
  }
}
