const { createWebSocketManager } = require("../ws/websocket-manager");

async function ping(userId) {
  createWebSocketManager(userId).send("ping");
}

module.exports = { ping };
