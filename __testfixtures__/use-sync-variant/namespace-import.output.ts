import * as cfg from "./config";

export function readPort() {
  return cfg.loadConfig().port;
}
