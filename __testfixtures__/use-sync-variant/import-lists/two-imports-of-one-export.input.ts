import { readFileAsync } from "./fs";
import { readFileAsync as read } from "./fs";

export function both(path: string) {
  return readFileAsync(path).length + read(path).length;
}
