export interface Db {
  query(sql: string): Promise<number>;
  exec(sql: string): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function untyped(conn: any, db: Db, raw: unknown) {
  conn.query("select 1");
  await conn.query("select 2");
  db.query("select 3");
  conn.exec("vacuum");
  (raw as { query(sql: string): Promise<number> }).query("select 4");
  void raw;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function sync(conn: any) {
  conn.query("select 5");
}
