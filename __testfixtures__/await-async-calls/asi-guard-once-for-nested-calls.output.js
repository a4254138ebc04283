async function refresh(api) {
  api.count++
  ;(await (await api.fetchUser("a")).fetchUser("b")).name
}
