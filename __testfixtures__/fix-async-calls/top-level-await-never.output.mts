import { loadConfig } from "./config";

// top-level await is disabled for this package
const config = loadConfig();
export const port = config.port;
