// CommonJS entry point: the top level is sync, await is not available here.
const { AgentRegistry } = require("./registry");
const { createWebSocketManager, WebSocketManager } = require("./ws/websocket-manager");

const registry = new AgentRegistry();
// A stand-in manager until the user's own is ready.
registry.setWebsocketManagerAsync(new WebSocketManager("system"));
// Needs a person: there is no sync factory to switch to.
const ready = createWebSocketManager({ userId: "system", settings: { load: async () => {} } });

module.exports = { registry, ready };
