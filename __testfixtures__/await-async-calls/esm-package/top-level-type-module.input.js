// .js is an ES module here: see package.json
const manager = createWebSocketManager({ port: 8080 });
manager.listen();
