"""Counter's benchmarks: `python -m bench` (full) or `python -m bench --quick`.

Every figure is compared with a floor measured in the same run on the same
machine, because shared machines are noisy; see README "Benchmarks".
"""
