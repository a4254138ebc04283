interface Size {
  readonly bytes: number;
}

export function sizeOf(id: string): Promise<Size>;
export function sizeOf(id: number): Promise<Size>;
export async function sizeOf(id: string | number): Promise<Size> {
  return (await load(String(id))).size;
}

function local(id: string): Promise<number>;
function local(id: number): Promise<number>;
async function local(id: string | number): Promise<number> {
  return (await load(String(id))).bytes;
}

export class Store {
  readEntry(id: string): Promise<Size>;
  readEntry(id: number): Promise<Size>;
  async readEntry(id: string | number): Promise<Size> {
    return (await load(String(id))).size;
  }

  static count(): Promise<number>;
  static count(all: boolean): Promise<number>;
  static async count(all?: boolean): Promise<number> {
    return (await load(String(all))).total;
  }
}

export function unrelated(): void;
export function unrelated(): void {}
