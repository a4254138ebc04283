import {
  readFileAsync, // the slow one
  readFileSync,
} from "./fs";

export function read(path: string) {
  return readFileAsync(path).trim();
}
