export async function createX(): Promise<{ id: number }> {
  return { id: 1 };
}
