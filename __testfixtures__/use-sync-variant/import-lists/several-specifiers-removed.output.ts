import { readFileSync, statSync } from "./fs";

export function size(path: string) {
  return statSync(path).size + readFileSync(path).length + statSync(path).size + readFileSync(path).length;
}
