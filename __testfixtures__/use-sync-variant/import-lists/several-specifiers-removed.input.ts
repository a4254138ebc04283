import { readFileSync, statSync, readFileAsync, statAsync } from "./fs";

export function size(path: string) {
  return statAsync(path).size + readFileAsync(path).length + statSync(path).size + readFileSync(path).length;
}
