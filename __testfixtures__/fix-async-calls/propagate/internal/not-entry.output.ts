// Not the entry point: its exports are internal to the package, made async under "internal" too.
export async function internalApi(id: string): Promise<string> {
  return (await load(id)).name;
}
