// A target call with no sync variant in a sync function: the function is made async.
import { load } from "./store";

export async function readName(id: string): Promise<string> {
  return (await load(id)).name;
}

async function touch(id: string): Promise<void> {
  await load(id);
}

async function either(id: string): Promise<string | undefined> {
  const record = await load(id);
  return record?.name;
}

async function alreadyPromise(id: string): Promise<Record> {
  await load(id);
  return Promise.resolve({ id });
}

async function untyped(id) {
  return (await load(id)).size;
}

// Returned as it is: the callers get a promise, so it is made async (no await needed) and they are followed.
async function passThrough(id: string) {
  return load(id);
}

// Returned from a callback: stays as it is.
const later = () => Promise.resolve().then(() => load("later"));
