export { createX } from "./factory";
