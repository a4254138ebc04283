import { loadConfigAsync } from "./config";

export function readPort() {
  // file starts with a UTF-8 byte order mark
  return loadConfigAsync().port;
}
