// A target call with no sync variant in a sync function: the function is made async.
import { load } from "./store";

export function readName(id: string): string {
  return load(id).name;
}

function touch(id: string): void {
  load(id);
}

function either(id: string): string | undefined {
  const record = load(id);
  return record?.name;
}

function alreadyPromise(id: string): Promise<Record> {
  load(id);
  return Promise.resolve({ id });
}

function untyped(id) {
  return load(id).size;
}

// Returned as it is: the callers get a promise, so it is made async (no await needed) and they are followed.
function passThrough(id: string) {
  return load(id);
}

// Returned from a callback: stays as it is.
const later = () => Promise.resolve().then(() => load("later"));
