// Renaming would call something else: a parameter named like the sync
// variant, or a callee that is itself a parameter. Both are manual.
function attach(manager: Manager, setWebsocketManager: (m: Manager) => void) {
  setWebsocketManagerAsync(manager);
  setWebsocketManager(manager);
}

function withCallback(setWebsocketManagerAsync: (m: Manager) => Promise<void>, manager: Manager) {
  setWebsocketManagerAsync(manager);
}
