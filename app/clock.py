"""The system clock."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime

utc_now: Callable[[], datetime] = functools.partial(datetime.now, UTC)
"""Now, timezone-aware UTC (a partial, not a function: it is read three times per Heartbeat,
and a Python frame around the C call was a quarter of its cost)."""
