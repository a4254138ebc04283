class PythonParser:
    def on_connect(self, connection):
        self.sock = connection.sock

    def reconnect(self, connection):
        self.on_connect(connection)


class Connection:
    async def on_connect(self):
        (await fetch_user(self)).check()

    async def establish(self):
        await self.on_connect()
        self._parser.on_connect(self)


class Sub(Connection):
    async def reset(self):
        await super().on_connect()
