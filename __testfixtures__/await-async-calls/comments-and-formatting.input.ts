export async function   setup( ctx : Context ) {
  const manager = /* factory */ createWebSocketManager( ctx ); // keep this comment
  fetchUser(
    ctx.userId, // who
    { fresh: true },
  );
  // trailing comment
  manager .open( );
}
