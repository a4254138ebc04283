class PythonParser:
    def on_connect(self, connection):
        self.sock = connection.sock

    def reconnect(self, connection):
        self.on_connect(connection)


class Connection:
    def on_connect(self):
        fetch_user(self).check()

    def establish(self):
        self.on_connect()
        self._parser.on_connect(self)


class Sub(Connection):
    def reset(self):
        super().on_connect()
