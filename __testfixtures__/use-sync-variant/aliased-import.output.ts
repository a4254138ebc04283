import { loadConfig } from "./config";

export function readPort() {
  const config = loadConfig();
  return config.port;
}
