export async function UserBadge({ id }) {
  // rendered on the server
  const label = `user ${(await fetchUser(id)).name} (${await fetchUser(id)})`;
  return (
    <Badge user={await fetchUser(id)} title={label}>
      {await fetchUser(id)}
    </Badge>
  );
}
