import { loadConfigAsync, loadConfig } from "./config";

export function readPortSync() {
  return loadConfig().port;
}

export async function readPort() {
  return (await loadConfigAsync()).port;
}
