const { loadConfigAsync } = require("./config");

// CommonJS top level is sync
const config = loadConfigAsync();

async function reload() {
  Object.assign(config, loadConfigAsync());
}

module.exports = { config, reload };
