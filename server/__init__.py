"""kipnet's process: settings from the environment, the ASGI app, and the `kipnet` command line."""
