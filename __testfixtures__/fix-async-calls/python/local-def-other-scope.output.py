async def handler(request):
    def fetch_user(data):
        return data.decode()

    return fetch_user(b"x")


async def sibling(request):
    await fetch_user(request.user_id)
