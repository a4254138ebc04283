import { readFileSync, statAsync, readFileAsync } from "./fs";

export function size(path: string) {
  return readFileAsync(path).length + statAsync(path).size;
}

export { statAsync };
