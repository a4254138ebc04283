/** @param {string} userId */
export async function createWebSocketManager(userId) {
  return { addConnection: (/** @type {string} */ id) => void [userId, id] };
}
