"""Process-wide registry of the active WebSocket manager."""

from __future__ import annotations

import asyncio

from agent_server.ws.factory import WebSocketManager


class AgentRegistry:
    def __init__(self) -> None:
        self._manager: WebSocketManager | None = None

    @property
    def current(self) -> WebSocketManager | None:
        return self._manager

    def set_websocket_manager(self, manager: WebSocketManager) -> None:
        if self._manager is not None and self._manager is not manager:
            self._manager.close()
        self._manager = manager

    async def set_websocket_manager_async(self, manager: WebSocketManager) -> None:
        await asyncio.sleep(0)  # lets sends already queued on the old manager go out
        self.set_websocket_manager(manager)


registry = AgentRegistry()
