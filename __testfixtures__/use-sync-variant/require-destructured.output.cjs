const { loadConfig } = require("./config");

// read once at startup (CommonJS top level is sync)
const config = loadConfig();

module.exports = { port: config.port };
