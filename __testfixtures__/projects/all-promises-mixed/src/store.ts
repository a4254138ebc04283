export async function load(): Promise<{ name: string }> {
  return { name: "n" };
}

export async function save(value: string): Promise<void> {
  void value;
}

export function sync(): number {
  return 1;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const untyped: any;

export async function run() {
  save("a");
  const name = load().name;
  sync();
  untyped.fetch();
  await save(name);
  load().then(() => undefined);
  save("b").catch(() => undefined);
  load().then(() => 1, () => 2);
  return load();
}
