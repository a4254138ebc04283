# Where a def cannot become async def, the call is left for a person (manual), with the reason.
import threading


class Store:
    def __init__(self):
        self.user = fetch_user(0).name

    @property
    def name(self):
        return fetch_user(1).name

    @name.setter
    def name(self, value):
        fetch_user(value).ok

    def __len__(self):
        return fetch_user(2).size

    def keys(self):
        yield fetch_user(3).key


def on_tick(user_id):
    fetch_user(user_id).ok


threading.Thread(target=on_tick).start()
list(map(lambda user_id: fetch_user(user_id).name, [1, 2]))


def outer():
    def inner():
        return fetch_user(4).name

    return inner


config = fetch_user(5).config


class Registry:
    # A method is followed by its name on any receiver: a common name is left for a person.
    def get(self, key):
        return fetch_user(key).value
