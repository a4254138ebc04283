async function createX(): Promise<{ id: number }> {
  return { id: 2 };
}
export = createX;
