export async function serve(manager = createWebSocketManager(defaultContext)) {
  manager.listen();
}

export const greet = async (user = fetchUser("guest")) => {
  console.info(user);
};
