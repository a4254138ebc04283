import { loadConfigAsync } from "./config";

// ES module top level is async: not a sync scope
const config = loadConfigAsync();

export default config;
