export async function   setup( ctx : Context ) {
  const manager = /* factory */ await createWebSocketManager( ctx ); // keep this comment
  await fetchUser(
    ctx.userId, // who
    { fresh: true },
  );
  // trailing comment
  manager .open( );
}
