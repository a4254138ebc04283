from app.aio import bounded_gather as bounded
from app import aio
import app.aio


async def start_all(ids, utils):
    await gather_limited(fetch_user(1), fetch_user(2))
    await gather_limited(*[fetch_user(i) for i in ids])
    await utils.settle([fetch_user(3)])
    await bounded(fetch_user(4))
    await aio.bounded_gather(fetch_user(5))
    await app.aio.bounded_gather(fetch_user(6))


async def stored_then_consumed():
    first = fetch_user(7)
    await gather_limited(first)
