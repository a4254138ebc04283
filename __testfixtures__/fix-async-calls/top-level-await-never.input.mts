import { loadConfigAsync } from "./config";

// top-level await is disabled for this package
const config = loadConfigAsync();
export const port = config.port;
