async function registerUser(registry, id) {
  registry.add(fetchUser(id));
  const session = new Session(createWebSocketManager(), id);
  const peers = [...fetchUser(id), createWebSocketManager()];
  const payload = { user: fetchUser(id), ...fetchUser(id) };
  registry.track(session, peers, payload);
}

module.exports = { registerUser };
