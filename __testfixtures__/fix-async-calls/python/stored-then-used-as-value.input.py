async def rebound(key):
    user = fetch_user(key)
    print(user.name)
    user = other()
    await user


async def nested_name(key):
    user = fetch_user(key)
    print(user.name)

    async def later():
        user = other()
        await user

    return later


async def value_and_coroutine(key):
    user = fetch_user(key)
    log(user.name)
    return user


async def list_returned(keys):
    users = [fetch_user(key) for key in keys]
    return users
