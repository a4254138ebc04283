"""The legacy connect handler, ported from the sync server."""

from __future__ import annotations

import logging

from agent_server.session import Session, setup_session
from agent_server.ws.factory import Connection, UserContext

logger = logging.getLogger(__name__)


def handle_connect(ctx: UserContext, conn: Connection) -> Session:
    session = setup_session(ctx, conn)
    logger.info("session opened for %s", ctx.user_id)
    return session
