import { readFileSync } from "./fs";

export function both(path: string) {
  return readFileSync(path).length + readFileSync(path).length;
}
