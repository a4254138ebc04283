export async function typed() {
  const load = (await fetchUser<string>("a"))<Profile>;
  return load;
}
