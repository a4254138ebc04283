import { loadConfigAsync } from "./config";

// ES module top level: awaited
const config = loadConfigAsync();

export function reload() {
  Object.assign(config, loadConfigAsync());
}
