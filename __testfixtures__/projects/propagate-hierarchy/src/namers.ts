import { lookupName } from "./directory";

export interface Namer {
  nameOf(id: number): string;
}

export class RemoteNamer implements Namer {
  nameOf(id: number): string {
    return lookupName(id).toUpperCase();
  }
}

export class CachedNamer extends RemoteNamer {
  private readonly cache = new Map<number, string>();

  override nameOf(id: number): string {
    return this.cache.get(id) ?? super.nameOf(id);
  }
}
