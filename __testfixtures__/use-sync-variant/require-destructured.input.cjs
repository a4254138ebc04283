const { loadConfigAsync } = require("./config");

// read once at startup (CommonJS top level is sync)
const config = loadConfigAsync();

module.exports = { port: config.port };
