# A coroutine is never None: a stored result checked against None is used as the value.
async def json_value(key):
    value = fetch_user(key)
    if value is None:
        raise LookupError(key)
    return value


async def same_task(key, current):
    # Two coroutines compared with each other: an identity check, left alone.
    pending = fetch_user(key)
    if pending is current:
        return await pending
    return await pending
