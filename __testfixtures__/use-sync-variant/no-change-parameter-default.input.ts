import { loadConfigAsync } from "./config";

export function boot(config = loadConfigAsync()) {
  console.info(config);
}
