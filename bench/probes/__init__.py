"""Tiny scripts the benchmarks start as fresh processes (cold start, memory).

Each is run by file path, so importing it pulls in nothing from `bench`."""
