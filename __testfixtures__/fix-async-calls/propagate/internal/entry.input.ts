// propagate "internal": the package entry point's exports keep their signatures; the rest is made async.
export function publicApi(id: string): string {
  return load(id).name;
}

function helper(id: string): number {
  return load(id).size;
}

export class Client {
  fetch(id: string): string {
    return load(id).body;
  }
}

const exported = (id: string) => load(id).ok;
export { exported };
