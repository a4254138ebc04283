// Two target calls that start at the same offset: each gets its own await.
export async function refresh(api: Api) {
  const user = await (await api.fetchUser("a")).fetchUser("b");
  return user.name;
}
