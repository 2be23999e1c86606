"""Benchmarks of the CSMS: `python -m bench.heartbeat` (see bench/README.md)."""
