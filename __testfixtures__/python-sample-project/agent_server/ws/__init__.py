"""WebSocket manager and its factory."""
