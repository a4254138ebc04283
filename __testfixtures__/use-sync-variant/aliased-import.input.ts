import { loadConfigAsync as lc } from "./config";

export function readPort() {
  const config = lc();
  return config.port;
}
