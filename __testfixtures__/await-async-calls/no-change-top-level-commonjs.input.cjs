const { connect } = require("./db");

const db = connect(process.env.DATABASE_URL);
createWebSocketManager({ db });

module.exports = { db };
