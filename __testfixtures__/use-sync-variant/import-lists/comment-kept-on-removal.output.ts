import {
  // the slow one
  readFileSync,
} from "./fs";

export function read(path: string) {
  return readFileSync(path).trim();
}
