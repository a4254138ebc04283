import { make } from "./index.js";

export async function onConnect(/** @type {string} */ userId) {
  make(userId).addConnection("a");
}
