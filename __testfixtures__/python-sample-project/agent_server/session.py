"""One user's session: the manager and the connections it serves."""

from __future__ import annotations

from agent_server.managers import build_manager
from agent_server.ws.factory import Connection, UserContext, WebSocketManager


class Session:
    def __init__(self, ctx: UserContext, manager: WebSocketManager | None = None) -> None:
        self.ctx = ctx
        self._manager = manager

    # Lazy: a session opened by the admin console builds its manager on first use.
    @property
    def manager(self) -> WebSocketManager:
        if self._manager is None:
            self._manager = build_manager(self.ctx)
        return self._manager


class SystemSession(Session):
    """The session the server itself broadcasts from."""

    def __init__(self, ctx: UserContext) -> None:
        super().__init__(ctx, build_manager(ctx))


def setup_session(ctx: UserContext, conn: Connection) -> Session:
    manager = build_manager(ctx)
    manager.add_connection(conn)
    return Session(ctx, manager)
