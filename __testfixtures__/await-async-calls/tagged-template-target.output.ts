// A tagged template calls its tag: with the tag a target (postgres.js, zx), it is a call site.
export async function count(db: Db) {
  const n = await sql`select count(*) from users`;
  log(n + 1);
  await sql`delete from sessions`;
  const rows = (await sql`select * from users`).length;
  db.sql`vacuum`.then(done);
  return [rows, (await sql`select 1`).count];
}

export async function deploy(branch: string) {
  await $`git push origin ${branch}`;
}

// Fragments: a template of the target inside another of the same target is composed by it.
export async function search(name: string | undefined) {
  const users = sql`select * from users ${name ? sql`where name = ${name}` : sql``} ${sql`order by id`}`;
  return users;
}

export async function nested() {
  const where = sql`where active`;
  await sql`select * from users ${where}`;
}

// Inside another tag (not the same target), it is a value again.
export async function other() {
  await $`echo ${await sql`select 1`}`;
  return html`<p>${await sql`select name from users`}</p>`;
}
