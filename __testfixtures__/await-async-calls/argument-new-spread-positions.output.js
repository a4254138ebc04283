async function registerUser(registry, id) {
  registry.add(await fetchUser(id));
  const session = new Session(await createWebSocketManager(), id);
  const peers = [...await fetchUser(id), await createWebSocketManager()];
  const payload = { user: await fetchUser(id), ...await fetchUser(id) };
  registry.track(session, peers, payload);
}

module.exports = { registerUser };
