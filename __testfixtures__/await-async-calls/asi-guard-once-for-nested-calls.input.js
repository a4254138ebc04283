async function refresh(api) {
  api.count++
  api.fetchUser("a").fetchUser("b").name
}
