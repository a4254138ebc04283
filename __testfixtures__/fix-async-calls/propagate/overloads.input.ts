interface Size {
  readonly bytes: number;
}

export function sizeOf(id: string): Size;
export function sizeOf(id: number): Size;
export function sizeOf(id: string | number): Size {
  return load(String(id)).size;
}

function local(id: string): number;
function local(id: number): number;
function local(id: string | number): number {
  return load(String(id)).bytes;
}

export class Store {
  readEntry(id: string): Size;
  readEntry(id: number): Size;
  readEntry(id: string | number): Size {
    return load(String(id)).size;
  }

  static count(): number;
  static count(all: boolean): number;
  static count(all?: boolean): number {
    return load(String(all)).total;
  }
}

export function unrelated(): void;
export function unrelated(): void {}
