import {
  defaults,
  loadConfigAsync,
} from "./config";

export function readPort(): number {
  return loadConfigAsync().port ?? defaults.port;
}

export async function readHost(): Promise<string> {
  return (await loadConfigAsync()).host;
}
