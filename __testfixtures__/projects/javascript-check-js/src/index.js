export { createWebSocketManager as make } from "./factory.js";
