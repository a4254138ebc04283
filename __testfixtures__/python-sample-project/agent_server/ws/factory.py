"""Per-user WebSocket manager and the factory that builds it."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any, Protocol


class Connection(Protocol):
    def send_text(self, data: str) -> None: ...


@dataclass(frozen=True)
class UserContext:
    user_id: str
    settings: dict[str, Any] = field(default_factory=dict)


class WebSocketManager:
    def __init__(self, user_id: str, settings: dict[str, Any]) -> None:
        self.user_id = user_id
        self.settings = settings
        self._connections: list[Connection] = []

    def add_connection(self, conn: Connection) -> None:
        self._connections.append(conn)

    def send(self, message: dict[str, Any]) -> int:
        data = json.dumps(message)
        for conn in self._connections:
            conn.send_text(data)
        return len(self._connections)

    def close(self) -> None:
        self._connections.clear()


async def create_websocket_manager(user_context: UserContext) -> WebSocketManager:
    """Was sync until the manager started loading the user's settings from the store."""
    await asyncio.sleep(0)  # stands in for the settings store round trip
    return WebSocketManager(user_context.user_id, dict(user_context.settings))
