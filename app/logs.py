"""Structured logs: one line per record, with station and message ids when the record has them."""

from __future__ import annotations

import logging

_CONTEXT_FIELDS = ("station_id", "message_id")


class KeyValueFormatter(logging.Formatter):
    """`time level logger message station_id=... message_id=...`."""

    def format(self, record: logging.LogRecord) -> str:
        """Append the context fields present on the record."""
        line = super().format(record)
        extras = [
            f"{name}={getattr(record, name)}" for name in _CONTEXT_FIELDS if hasattr(record, name)
        ]
        return f"{line} {' '.join(extras)}" if extras else line


def configure(level: str) -> None:
    """Install the formatter on the root logger."""
    handler = logging.StreamHandler()
    handler.setFormatter(KeyValueFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
