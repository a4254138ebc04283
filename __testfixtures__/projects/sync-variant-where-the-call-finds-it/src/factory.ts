export async function createX(): Promise<number> {
  return 1;
}
export function createXSync(): number {
  return 1;
}
