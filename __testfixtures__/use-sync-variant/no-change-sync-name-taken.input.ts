import { loadConfigAsync } from "./config";

const loadConfig = () => ({ port: 3000 });

export function readPort() {
  const config = loadConfigAsync();
  return config.port + loadConfig().port;
}
