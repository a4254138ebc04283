import { loadConfigAsync } from "./config";

// TypeScript rejects an import that clashes with an enum, a namespace or a
// declared function of the same name; a class expression's name would be
// called instead. All manual.
enum loadConfig {
  Default,
}

export function read() {
  return loadConfigAsync().port;
}

export const Reader = class loadConfigReader {
  read() {
    loadConfigAsync();
  }
};
