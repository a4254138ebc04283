// A CommonJS module's top level cannot await, and cannot be made async.
const { load } = require("./store");

const config = load("config").value;
module.exports = { config };
