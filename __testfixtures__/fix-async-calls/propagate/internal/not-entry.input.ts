// Not the entry point: its exports are internal to the package, made async under "internal" too.
export function internalApi(id: string): string {
  return load(id).name;
}
