export async function UserBadge({ id }) {
  // rendered on the server
  const label = `user ${fetchUser(id).name} (${fetchUser(id)})`;
  return (
    <Badge user={fetchUser(id)} title={label}>
      {fetchUser(id)}
    </Badge>
  );
}
