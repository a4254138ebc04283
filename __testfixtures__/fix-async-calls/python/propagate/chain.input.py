# A target call with no sync variant in a def: the def becomes async def, and its callers follow.
from app.api import fetch_user


def user_name(user_id: int) -> str:
    return fetch_user(user_id)["name"]


def greeting(user_id):
    return "Hello, " + user_name(user_id)


def passthrough(user_id):
    # A coroutine does not flatten: returned from the async def, it is awaited.
    return fetch_user(user_id)


class Service:
    def load_user(self, user_id):
        user = fetch_user(user_id)
        return user.name

    def run_all(self):
        self.load_user(1)
        save_async(self)


def user_name_shadowed(user_name):
    # A parameter of the same name is not the function made async.
    return user_name(1)


class Handler(BaseHandler):
    # A base from elsewhere: a method only this class defines is made async.
    def lookup_owner(self, user_id):
        return fetch_user(user_id).owner
