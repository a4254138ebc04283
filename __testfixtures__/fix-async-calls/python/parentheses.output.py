async def handler(ctx, conn, key):
    (await create_websocket_manager(ctx)).add_connection(conn)
    first = (await fetch_user(key))["name"]
    (await fetch_user(key))()
    value = -(await fetch_user(key)).score
    total = (await fetch_user(key)) ** 2 + 2 ** await fetch_user(key)
    ok = not await fetch_user(key)
    label = f"{await fetch_user(key)}"
    choice = await fetch_user(key) if key else await fetch_user(0)
    parts = [*await fetch_user(key)]
    merged = {**await fetch_user(key)}
    wrapped = (await fetch_user(key)).name
    print(await fetch_user(key), sep=await fetch_user(key))
    await (await fetch_user(key)).fetch_user(key)
    return first, value, total, ok, label, choice, parts, merged, wrapped


from app.ws.factory import create_websocket_manager
