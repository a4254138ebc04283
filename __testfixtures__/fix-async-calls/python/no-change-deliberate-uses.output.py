import asyncio
from asyncio import gather as gather_all

from app.ws.factory import create_websocket_manager


async def already_awaited(ctx):
    manager = await create_websocket_manager(ctx)
    other = await (fetch_user(ctx.user_id))
    squared = await fetch_user(ctx.user_id) ** 2
    return manager, other, squared


async def scheduled(ctx, loop, group):
    await asyncio.gather(fetch_user(1), fetch_user(2))
    await gather_all(*[fetch_user(i) for i in range(3)])
    await asyncio.wait([fetch_user(4), fetch_user(5)])
    await asyncio.wait_for(fetch_user(6), timeout=5)
    await asyncio.shield(fetch_user(7))
    task = asyncio.create_task(create_websocket_manager(ctx))
    future = asyncio.ensure_future(fetch_user(8))
    loop.create_task(fetch_user(9))
    group.create_task(fetch_user(10))
    for done in asyncio.as_completed([fetch_user(11)]):
        await done
    return task, future


async def stored_then_awaited(ctx):
    pending = create_websocket_manager(ctx)
    await asyncio.sleep(0)
    manager = await pending
    return manager


async def stored_then_gathered(ids):
    tasks = []
    for i in ids:
        tasks.append(fetch_user(i))
    coros = [fetch_user(i) for i in ids]
    first = fetch_user(0)
    return await asyncio.gather(*tasks, *coros, first)


async def annotated(ctx) -> None:
    later: Awaitable[User] = fetch_user(ctx.user_id)
    keep(later)


def sync_entry_point(ctx):
    loop = asyncio.new_event_loop()
    loop.run_until_complete(create_websocket_manager(ctx))
    return fetch_user(ctx.user_id)


callback = lambda ctx: fetch_user(ctx.user_id)


if __name__ == "__main__":
    asyncio.run(fetch_user(1))
