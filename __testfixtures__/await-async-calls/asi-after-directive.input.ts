// A directive without a semicolon is a statement too: the next line must not
// be read as a call of the directive string.
export async function saveTheme(ctx: Context) {
  'use server'
  fetchUser(ctx.userId).touch()
}
