async def rebound(key):
    user = await fetch_user(key)
    print(user.name)
    user = other()
    await user


async def nested_name(key):
    user = await fetch_user(key)
    print(user.name)

    async def later():
        user = other()
        await user

    return later


async def value_and_coroutine(key):
    user = await fetch_user(key)
    log(user.name)
    return user


async def list_returned(keys):
    users = [await fetch_user(key) for key in keys]
    return users
