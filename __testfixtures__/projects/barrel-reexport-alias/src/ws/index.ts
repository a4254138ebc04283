export { createWebSocketManager as make } from "./factory";
