import { loadConfigAsync } from "./config";

export function readPortSync() {
  return loadConfigAsync().port;
}

export async function readPort() {
  return (await loadConfigAsync()).port;
}
