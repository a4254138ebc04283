import { loadConfig, loadConfigAsync } from "./config";

export function readPort() {
  return loadConfig().port;
}

export function readHost() {
  const config = loadConfigAsync();
  return config.host;
}
