from other import bounded_gather


async def start_all(helpers):
    await helpers.gather_limited(await fetch_user(1))
    await settle(await fetch_user(2))
    await bounded_gather(await fetch_user(3))
    await gather_limited(wrap(await fetch_user(4)))
