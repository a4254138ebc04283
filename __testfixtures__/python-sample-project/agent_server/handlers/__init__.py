"""Handlers for the agent WebSocket endpoint."""
