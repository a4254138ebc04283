async def handler(request):
    def fetch_user(data):
        return data.decode()

    return fetch_user(b"x")


async def parameter(fetch_user):
    fetch_user(1)


async def assigned(ctx):
    fetch_user = ctx.loader
    fetch_user(2)


def sync_caller(set_websocket_manager_async):
    set_websocket_manager_async(None)
