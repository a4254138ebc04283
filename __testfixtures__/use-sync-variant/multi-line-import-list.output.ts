import {
  defaults,
  loadConfigAsync,
  loadConfig,
} from "./config";

export function readPort(): number {
  return loadConfig().port ?? defaults.port;
}

export async function readHost(): Promise<string> {
  return (await loadConfigAsync()).host;
}
