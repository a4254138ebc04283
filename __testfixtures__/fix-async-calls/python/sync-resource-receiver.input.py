# A method target on a receiver held by a plain `with` (a sync resource) is most likely a sync API
# of the same name: manual, never awaited. Entered with `async with`, or bound otherwise, it is the target.
import sqlite3


async def report(path, client):
    with sqlite3.connect(path) as db:
        rows = db.fetch_user(1)
        cursor = db.fetch_user(2)
        first = cursor.fetch_user(3)
    async with client.session() as session:
        user = session.fetch_user(4)
    other = client.fetch_user(5)
    with open(path) as handle:
        handle = client
        again = handle.fetch_user(6)
    return rows, first, user.name, other.name, again.name
