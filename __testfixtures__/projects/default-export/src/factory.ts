export default async function createConnection(url: string): Promise<{ send(text: string): void }> {
  return { send: (text) => void [url, text] };
}
