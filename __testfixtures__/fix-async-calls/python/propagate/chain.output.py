# A target call with no sync variant in a def: the def becomes async def, and its callers follow.
from app.api import fetch_user


async def user_name(user_id: int) -> str:
    return (await fetch_user(user_id))["name"]


async def greeting(user_id):
    return "Hello, " + await user_name(user_id)


async def passthrough(user_id):
    # A coroutine does not flatten: returned from the async def, it is awaited.
    return await fetch_user(user_id)


class Service:
    async def load_user(self, user_id):
        user = await fetch_user(user_id)
        return user.name

    async def run_all(self):
        await self.load_user(1)
        await save_async(self)


def user_name_shadowed(user_name):
    # A parameter of the same name is not the function made async.
    return user_name(1)


class Handler(BaseHandler):
    # A base from elsewhere: a method only this class defines is made async.
    async def lookup_owner(self, user_id):
        return (await fetch_user(user_id)).owner
