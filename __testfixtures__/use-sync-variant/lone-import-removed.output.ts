import { loadConfig } from "./config";

export function settings() {
  const config = loadConfig();
  return { port: config.port, fallback: loadConfig().port };
}
