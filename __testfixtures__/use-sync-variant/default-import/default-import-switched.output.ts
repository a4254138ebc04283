import { loadSettingsSync } from "./load-settings";
import openDb from "./open-db";
import { openDbSync } from "./open-db";

export function boot() {
  const settings = loadSettingsSync();
  const db = openDbSync(settings.url);
  return { settings, db };
}

export async function reopen() {
  return openDb("memory:");
}
