import functools


def urlencode(items):
    return "&".join(f"{fetch_user(k)}={fetch_user(v)}" for k, v in items)


async def mixed(items):
    first = await fetch_user(items[0])
    return first.size + sum(fetch_user(x).size for x in items)


@functools.lru_cache()
def cached(key):
    return fetch_user(key).size


class Box:
    @staticmethod
    async def size(key):
        return (await fetch_user(key)).size
