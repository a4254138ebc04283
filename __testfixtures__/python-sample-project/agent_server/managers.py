"""Builds the managers the sessions use, with the server's defaults applied."""

from __future__ import annotations

import asyncio

from agent_server.ws.factory import UserContext, WebSocketManager, create_websocket_manager

HEARTBEAT_SECONDS = 30


def build_manager(ctx: UserContext) -> WebSocketManager:
    manager = create_websocket_manager(ctx)
    manager.settings.setdefault("heartbeat_seconds", HEARTBEAT_SECONDS)
    return manager


# Deliberate coroutine use: a team's managers are built concurrently.
async def build_team_managers(first: UserContext, second: UserContext) -> list[WebSocketManager]:
    return list(await asyncio.gather(create_websocket_manager(first), create_websocket_manager(second)))
