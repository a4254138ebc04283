import { loadConfig } from "./config";

export function readPort() {
  return loadConfig().port;
}

export function readHost() {
  const config = loadConfig();
  return config.host;
}
