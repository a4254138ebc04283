// plain .js without "type": "module" is CommonJS
const manager = createWebSocketManager({ port: 8080 });
manager.listen();
