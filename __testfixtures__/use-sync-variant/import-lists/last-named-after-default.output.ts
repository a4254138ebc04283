import load from "./fs";
import { readFileSync } from "./fs";

export function read(path: string) {
  return load(readFileSync(path)) + readFileSync(path);
}
