// propagate "internal": the package entry point's exports keep their signatures; the rest is made async.
export function publicApi(id: string): string {
  return load(id).name;
}

async function helper(id: string): Promise<number> {
  return (await load(id)).size;
}

export class Client {
  fetch(id: string): string {
    return load(id).body;
  }
}

const exported = (id: string) => load(id).ok;
export { exported };
