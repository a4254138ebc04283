export async function lookupName(id: number): Promise<string> {
  return `user ${id}`;
}
