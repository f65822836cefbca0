"""Counter: a keyboard-first shop counter and phone-order app."""

__version__ = "0.1.0"
