"""Running the service: settings helpers (secrets, cache), logging, health checks, serving.

Nothing here knows about photos; `luppa.settings` and the WSGI server use it.
"""
