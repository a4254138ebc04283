const { connect } = require("./db");
const db = require("./db");

async function boot(url) {
  const primary = await connect(url);
  const replica = await db.connect(`${url}?replica`);
  const cache = await require("./db").connect(`${url}?cache`);
  console.log(primary, replica, cache);
}

module.exports = { boot };
