export async function typed() {
  const load = fetchUser<string>("a")<Profile>;
  return load;
}
