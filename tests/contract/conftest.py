"""Contract tests: one behaviour spec run against every adapter of a port.

The `pubsub_emulator_host` fixture comes from `tests.support.pubsub_emulator`, registered as a
plugin by the top-level tests/conftest.py.
"""
