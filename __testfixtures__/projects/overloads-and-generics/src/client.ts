export declare class Client {
  query(sql: string): Promise<number>;
  query(sql: string, callback: (error: Error | null, rows: number) => void): void;
}

export async function load(): Promise<{ id: number }> {
  return { id: 1 };
}

function wrap<T>(data: T): { ok: boolean; data: T } {
  return { ok: true, data };
}

export async function run(client: Client) {
  client.query("a", (error, rows) => void [error, rows]);
  const rows = client.query("b");
  return JSON.stringify(wrap(load())) + rows;
}
