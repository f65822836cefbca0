"""The `counter` command: `main` parses the global options and hands each
sub-command (a module of its own here) to the services."""

from counter.cli.main import app, main

__all__ = ["app", "main"]
