import { loadConfig, defaults } from "./config";

export function readPort() {
  const config = loadConfig();
  return config.port ?? defaults.port;
}
