export async function userOrGuest(id: string, guest: User) {
  // the user itself is the value here
  return (await fetchUser(id)) || guest;
}
