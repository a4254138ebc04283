import { loadConfig } from "./config";

export function readPort() {
  // file starts with a UTF-8 byte order mark
  return loadConfig().port;
}
