import { loadConfigAsync, defaults } from "./config";

export function readPort() {
  const config = loadConfigAsync();
  return config.port ?? defaults.port;
}
