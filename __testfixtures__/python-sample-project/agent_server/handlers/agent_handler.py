"""Handles one agent session on the WebSocket endpoint."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from agent_server.registry import AgentRegistry
from agent_server.ws.factory import Connection, UserContext, create_websocket_manager

logger = logging.getLogger(__name__)


class AgentHandler:
    def __init__(self, registry: AgentRegistry) -> None:
        self._registry = registry
        self._background: set[asyncio.Task[Any]] = set()

    # Session set-up: fixed together with start-up, must stay as it is.
    async def init(self, ctx: UserContext) -> None:
        manager = await create_websocket_manager(ctx)
        await self._registry.set_websocket_manager_async(manager)

    async def start(self, ctx: UserContext, conn: Connection) -> None:
        try:
            manager = create_websocket_manager(ctx)
            manager.add_connection(conn)
        except Exception:
            logger.warning("start failed for %s, retrying with a fresh manager", ctx.user_id)
            manager = create_websocket_manager(ctx)
            manager.add_connection(conn)

    async def on_message(self, ctx: UserContext, conn: Connection, text: str) -> None:
        manager = self._registry.current
        if manager is None or manager.user_id != ctx.user_id:
            manager = create_websocket_manager(ctx)
            manager.add_connection(conn)
        manager.send({"type": "message", "user": ctx.user_id, "text": text})

    async def on_reconnect(self, ctx: UserContext, conn: Connection) -> None:
        create_websocket_manager(ctx).add_connection(conn)

    async def on_typing(self, ctx: UserContext, conn: Connection) -> None:
        manager = create_websocket_manager(ctx)
        manager.add_connection(conn)
        manager.send({"type": "typing", "user": ctx.user_id})

    async def on_tool_result(
        self, ctx: UserContext, conn: Connection, result: dict[str, Any]
    ) -> None:
        manager = create_websocket_manager(ctx)
        manager.add_connection(conn)
        manager.send({"type": "tool_result", "user": ctx.user_id, **result})
        manager.close()

    # Deliberate coroutine use below: gathered, run as a task, awaited later.
    async def warm_up(self, first: UserContext, second: UserContext) -> None:
        await asyncio.gather(create_websocket_manager(first), create_websocket_manager(second))

    async def prefetch(self, ctx: UserContext) -> None:
        task = asyncio.create_task(create_websocket_manager(ctx))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def resume(self, ctx: UserContext, conn: Connection) -> None:
        pending = create_websocket_manager(ctx)
        logger.info("resuming session for %s", ctx.user_id)
        manager = await pending
        manager.add_connection(conn)
