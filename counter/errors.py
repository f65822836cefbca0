"""Domain errors: each carries a message a person can read, in the UI language."""

from __future__ import annotations


class CounterError(Exception):
    """Base of every error a user may see. `str(e)` is the message to show."""


class BadInput(CounterError, ValueError):
    """A typed value that cannot be used (a price, a quantity, a phone...)."""


class NotFound(CounterError, LookupError):
    pass


class NotPermitted(CounterError, PermissionError):
    pass


class SignInFailed(CounterError):
    pass


class InvalidState(CounterError):
    """The thing exists but is not in a state that allows this action."""
