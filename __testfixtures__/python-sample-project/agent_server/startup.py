"""Process start-up: installs a stand-in manager and opens the system session."""

from __future__ import annotations

import asyncio
import logging

from agent_server.handlers.agent_handler import AgentHandler
from agent_server.registry import AgentRegistry
from agent_server.registry import registry as default_registry
from agent_server.ws.factory import UserContext, WebSocketManager

logger = logging.getLogger(__name__)

SYSTEM_CONTEXT = UserContext(user_id="system")


def wire_registry(registry: AgentRegistry, manager: WebSocketManager) -> None:
    """Sync by contract: the plugin loader calls it and does not await."""
    registry.set_websocket_manager_async(manager)


def reset_registry(registry: AgentRegistry) -> None:
    """Test hook: puts a stand-in manager back between test cases."""
    manager = WebSocketManager(SYSTEM_CONTEXT.user_id, {})
    registry.set_websocket_manager_async(manager)


# Start-up path: fixed once already, must stay as it is.
async def start_up(registry: AgentRegistry) -> AgentHandler:
    manager = WebSocketManager(SYSTEM_CONTEXT.user_id, {})
    await registry.set_websocket_manager_async(manager)
    handler = AgentHandler(registry)
    await handler.init(SYSTEM_CONTEXT)
    return handler


async def main() -> None:
    await start_up(default_registry)
    logger.info("agent server ready")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(main())
