"""Textual screens, one flow step each, with their .tcss beside them.

Screens show state and collect keys; every rule lives in `counter.services`.
"""
