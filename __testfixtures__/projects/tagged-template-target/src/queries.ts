import { html, sql as query } from "./db";

export async function count() {
  const n = query`select count(*) from users`;
  query`delete from sessions`;
  const rows = (await query`select * from users`).length;
  return [n, rows];
}

export async function search(name: string | undefined) {
  const where = query`where active`;
  const users = query`select * from users ${where} ${name ? query`and name = ${name}` : query``}`;
  return users;
}

export async function page() {
  return html`<p>${query`select name from users`}</p>`;
}

// Not the target: a local tag of the same name.
export async function local() {
  const sql = (strings: TemplateStringsArray) => Promise.resolve(strings.length);
  sql`select 1`;
}
