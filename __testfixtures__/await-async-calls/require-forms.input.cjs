const { connect } = require("./db");
const db = require("./db");

async function boot(url) {
  const primary = connect(url);
  const replica = db.connect(`${url}?replica`);
  const cache = require("./db").connect(`${url}?cache`);
  console.log(primary, replica, cache);
}

module.exports = { boot };
