// A script (no import or export): its declarations are global, seen by every file without an import.
interface Registry {
  connect(url: string): Promise<void>;
}

declare const registry: Registry;
