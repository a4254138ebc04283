function SocketProvider({ manager, children }) {
  // global helper installed by the registry script
  setWebsocketManager(manager);
  return <Provider value={manager}>{children}</Provider>;
}

export default SocketProvider;
