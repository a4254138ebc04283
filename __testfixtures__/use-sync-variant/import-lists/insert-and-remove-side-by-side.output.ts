import { readFileSync, statAsync, statSync } from "./fs";

export function size(path: string) {
  return readFileSync(path).length + statSync(path).size;
}

export { statAsync };
