"""A small agent server that reproduces the unawaited-factory bug."""
