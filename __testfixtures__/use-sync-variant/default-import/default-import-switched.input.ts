import loadSettings from "./load-settings";
import openDb from "./open-db";

export function boot() {
  const settings = loadSettings();
  const db = openDb(settings.url);
  return { settings, db };
}

export async function reopen() {
  return openDb("memory:");
}
