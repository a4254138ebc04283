import { loadConfigAsync as readConfig } from "./config";
import * as config from "./config";

export async function boot() {
  const settings = readConfig();
  settings.apply();
}

export function bootSync() {
  readConfig().apply();
  config.loadConfigAsync().apply();
}
