"""Structured logs: one line per record, with station and message ids when the record has them.

During an outage of the database, the cache or the bus every request fails the same way: a
record whose exception says so (`modules.kernel.outages`) is written as one warning line naming
the dependency and the error (no traceback), and the same record (logger and message) again only
after `OUTAGE_REPEAT_SECONDS`, with how many were left out meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from infra.outages import unavailable_dependency
from modules.kernel.outages import Classifier, DependencyUnavailable, causes, description

_CONTEXT_FIELDS = ("station_id", "message_id")
OUTAGE_REPEAT_SECONDS = 60.0
"""How long the same outage record is kept quiet after it was written."""


class KeyValueFormatter(logging.Formatter):
    """`time level logger message station_id=... message_id=...`."""

    def format(self, record: logging.LogRecord) -> str:
        """Append the context fields present on the record."""
        line = super().format(record)
        extras = [
            f"{name}={getattr(record, name)}" for name in _CONTEXT_FIELDS if hasattr(record, name)
        ]
        return f"{line} {' '.join(extras)}" if extras else line


class OutageFilter(logging.Filter):
    """Turns a record of an unavailable dependency into one rate-limited warning line."""

    def __init__(
        self,
        unavailable: Classifier = unavailable_dependency,
        repeat_after: float = OUTAGE_REPEAT_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self._unavailable = unavailable
        self._repeat_after = repeat_after
        self._clock = clock
        self._last: dict[tuple[str, str, str], tuple[float, int]] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        """False for a repeat kept quiet; otherwise the record, rewritten if it is an outage."""
        error = record.exc_info[1] if record.exc_info else None
        dependency = self._unavailable(error) if error is not None else None
        if error is None or dependency is None:
            return True
        # a message template, or for a record whose message is an object (strawberry logs the
        # GraphQLError itself, its text differing per request) the object's type
        template = record.msg if isinstance(record.msg, str) else type(record.msg).__name__
        key = (record.name, template, dependency)
        now = self._clock()
        last = self._last.get(key)
        if last is not None and now - last[0] < self._repeat_after:
            self._last[key] = (last[0], last[1] + 1)
            return False
        left_out = last[1] if last is not None else 0
        self._last[key] = (now, 0)
        note = f" ({left_out} like it left out)" if left_out else ""
        # strawberry logs the GraphQLError itself, whose text spans lines
        message = getattr(record.msg, "message", None) or record.getMessage()
        detail = _detail(error)
        record.msg = f"{message}: {description(dependency)}: {detail!r}{note}"
        record.args = None
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        if record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def _detail(error: BaseException) -> BaseException:
    """The error worth naming: the first cause that is neither our own wrapper nor the
    cancellation a deadline left behind."""
    for cause in causes(error):
        if not isinstance(cause, (DependencyUnavailable, asyncio.CancelledError)):
            return cause
    return error


def configure(level: str) -> None:
    """Install the formatter and the outage filter on the root logger."""
    handler = logging.StreamHandler()
    handler.setFormatter(KeyValueFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    handler.addFilter(OutageFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
