import { loadConfigAsync } from "./legacy-config";

export function readPort() {
  const config = loadConfigAsync();
  return config.port;
}

export function readHost() {
  function loadConfigAsync() {
    return { host: "localhost" };
  }
  return loadConfigAsync().host;
}
