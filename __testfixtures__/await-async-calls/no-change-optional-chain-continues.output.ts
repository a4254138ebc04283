// `(await session?.fetchUser()).name` would throw where the original gives
// undefined: reported as manual, not rewritten.
export async function greet(session?: Session) {
  const name = session?.fetchUser().name;
  return name ?? "guest";
}
