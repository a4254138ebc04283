import asyncio
import uvloop


async def walrus(key):
    if (pending := fetch_user(key)) is not None:
        await pending


async def parallel(key):
    first, second = fetch_user(key), fetch_user(key + 1)
    return await asyncio.gather(first, second)


async def awaited_into_itself(key):
    user = fetch_user(key)
    await asyncio.sleep(0)
    user = await user
    return user.name


async def in_a_loop(keys):
    previous = None
    for key in keys:
        if previous is not None:
            await previous
        previous = fetch_user(key)


async def iterated(keys):
    tasks = [fetch_user(key) for key in keys]
    for task in tasks:
        await task
    coros = []
    for key in keys:
        coros.append(fetch_user(key))
    return [await coro for coro in coros]


async def collections(keys):
    pending = {}
    for key in keys:
        pending[key] = fetch_user(key)
    more = {"a": fetch_user(0)}
    extra = []
    extra += [fetch_user(1)]
    extra.extend(fetch_user(key) for key in keys)
    await asyncio.gather(*pending.values(), *more.values(), *extra)


async def runners():
    task = asyncio.Task(fetch_user(1))
    await asyncio.wait(fetch_user(key) for key in range(3))
    await asyncio.gather(*(fetch_user(key) for key in range(3)))
    return task


def sync_runners(registry):
    with asyncio.Runner() as runner:
        runner.run(registry.set_websocket_manager_async(None))
    uvloop.run(registry.set_websocket_manager_async(None))
    coro = registry.set_websocket_manager_async(None)
    asyncio.run(coro)


async def either_branch(flag):
    if flag:
        task = fetch_user(1)
    else:
        task = fetch_user(2)
    return await task


async def zipped(keys):
    coros = [fetch_user(key) for key in keys]
    for key, coro in zip(keys, coros):
        print(key, await coro)


async def unclear_flows(keys):
    pending = {key: fetch_user(key) for key in keys}
    first = await pending[keys[0]]
    tasks = [fetch_user(0)]
    while tasks:
        await tasks.pop()
    task = fetch_user(1)
    alias = task
    return first, await alias
