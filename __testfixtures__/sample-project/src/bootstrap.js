// CommonJS entry point: the top level is sync, await is not available here.
const { AgentRegistry } = require("./registry");
const { createWebSocketManager } = require("./ws/websocket-manager");

const registry = new AgentRegistry();
const manager = createWebSocketManager({ userId: "system", settings: { load: async () => {} } });
registry.setWebsocketManagerAsync(manager);

module.exports = { registry };
