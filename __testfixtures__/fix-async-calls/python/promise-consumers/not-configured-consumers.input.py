from other import bounded_gather


async def start_all(helpers):
    await helpers.gather_limited(fetch_user(1))
    await settle(fetch_user(2))
    await bounded_gather(fetch_user(3))
    await gather_limited(wrap(fetch_user(4)))
