const { loadConfigAsync, loadConfig } = require("./config");

// CommonJS top level is sync
const config = loadConfig();

async function reload() {
  Object.assign(config, await loadConfigAsync());
}

module.exports = { config, reload };
