import { loadConfig } from "./config";
import { loadConfigAsync } from "./config";

export function settings() {
  const config = loadConfigAsync();
  return { port: config.port, fallback: loadConfig().port };
}
