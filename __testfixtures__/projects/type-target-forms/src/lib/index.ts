export { Pinger } from "./pinger";
