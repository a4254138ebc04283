import { loadConfigAsync as readConfig, loadConfig } from "./config";
import * as config from "./config";

export async function boot() {
  const settings = await readConfig();
  settings.apply();
}

export function bootSync() {
  loadConfig().apply();
  config.loadConfig().apply();
}
