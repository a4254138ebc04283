async def handler(ctx, conn, key):
    create_websocket_manager(ctx).add_connection(conn)
    first = fetch_user(key)["name"]
    fetch_user(key)()
    value = -fetch_user(key).score
    total = fetch_user(key) ** 2 + 2 ** fetch_user(key)
    ok = not fetch_user(key)
    label = f"{fetch_user(key)}"
    choice = fetch_user(key) if key else fetch_user(0)
    parts = [*fetch_user(key)]
    merged = {**fetch_user(key)}
    wrapped = (fetch_user(key)).name
    print(fetch_user(key), sep=fetch_user(key))
    fetch_user(key).fetch_user(key)
    return first, value, total, ok, label, choice, parts, merged, wrapped


from app.ws.factory import create_websocket_manager
