import load, { readFileAsync } from "./fs";
import { readFileSync } from "./fs";

export function read(path: string) {
  return load(readFileAsync(path)) + readFileSync(path);
}
