export async function stopAsync(): Promise<void> {}
