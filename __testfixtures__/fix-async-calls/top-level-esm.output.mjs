import { loadConfigAsync, loadConfig } from "./config";

// ES module top level: awaited
const config = await loadConfigAsync();

export function reload() {
  Object.assign(config, loadConfig());
}
