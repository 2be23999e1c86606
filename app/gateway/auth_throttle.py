"""A limit on failed station logins: after too many wrong passwords for one station id, or from
one address, further attempts are refused with 429 before any password is checked. An address
gets more failures than a station id: many stations may share one behind a NAT.

Each check of a password costs a hash computation on a worker thread, so unlimited guessing
would both search a station's password and burn the node's CPU for every other station. The
counts live in two bounded LRU tables, so a client cycling through ids or addresses cannot grow
the node's memory.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ThrottleSettings:
    """How many failures per window a station id and an address may have."""

    per_station: int = 10
    per_address: int = 100
    window_seconds: float = 60.0
    tracked_keys: int = 10_000


@dataclass(frozen=True, slots=True)
class _Limit:
    max_failures: int
    window_seconds: float
    tracked_keys: int


class _FailureTable:
    """Failure times per key, at most `tracked_keys` keys (the least recently failed are
    forgotten)."""

    def __init__(self, settings: _Limit, now: Callable[[], float]) -> None:
        self._settings = settings
        self._now = now
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()

    def _recent(self, key: str) -> deque[float] | None:
        times = self._failures.get(key)
        if times is None:
            return None
        oldest_kept = self._now() - self._settings.window_seconds
        while times and times[0] <= oldest_kept:
            times.popleft()
        if not times:
            del self._failures[key]
            return None
        return times

    def retry_after(self, key: str) -> float | None:
        """Seconds until `key` may try again, or None when it may now."""
        times = self._recent(key)
        if times is None or len(times) < self._settings.max_failures:
            return None
        return max(times[0] + self._settings.window_seconds - self._now(), 0.0)

    def record(self, key: str) -> None:
        """Count one failure of `key`."""
        times = self._recent(key)
        if times is None:
            times = deque(maxlen=self._settings.max_failures)
            self._failures[key] = times
        times.append(self._now())
        self._failures.move_to_end(key)
        while len(self._failures) > self._settings.tracked_keys:
            self._failures.popitem(last=False)

    def clear(self, key: str) -> None:
        """Forget the failures of `key`."""
        self._failures.pop(key, None)

    def __len__(self) -> int:
        return len(self._failures)


class LoginThrottle:
    """Failed logins counted per station id and per remote address."""

    def __init__(
        self, settings: ThrottleSettings, now: Callable[[], float] = time.monotonic
    ) -> None:
        def limit(failures: int) -> _Limit:
            return _Limit(failures, settings.window_seconds, settings.tracked_keys)

        self._by_station = _FailureTable(limit(settings.per_station), now)
        self._by_address = _FailureTable(limit(settings.per_address), now)

    def retry_after(self, station_id: str, address: str | None) -> float | None:
        """Seconds the caller must wait before a password is checked again, or None."""
        waits = [self._by_station.retry_after(station_id)]
        if address is not None:
            waits.append(self._by_address.retry_after(address))
        known = [wait for wait in waits if wait is not None]
        return max(known) if known else None

    def address_retry_after(self, address: str) -> float | None:
        """Seconds `address` must wait before it may try again, or None."""
        return self._by_address.retry_after(address)

    def failed(self, station_id: str, address: str | None) -> None:
        """Count a wrong or missing password."""
        self._by_station.record(station_id)
        if address is not None:
            self._by_address.record(address)

    def failed_address(self, address: str) -> None:
        """Count a failure no station id is known for (a failed TLS handshake)."""
        self._by_address.record(address)

    def succeeded(self, station_id: str) -> None:
        """A right password: the station's earlier failures no longer count."""
        self._by_station.clear(station_id)

    def tracked(self) -> int:
        """How many station ids and addresses have failures on record."""
        return len(self._by_station) + len(self._by_address)


class AddressThrottle:
    """Failed API authentications counted per remote address (wrong bearer tokens), so a
    client guessing tokens is refused with 429 before each guess is looked up."""

    def __init__(
        self,
        per_address: int,
        window_seconds: float,
        tracked_keys: int = 10_000,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self._table = _FailureTable(_Limit(per_address, window_seconds, tracked_keys), now)

    def retry_after(self, address: str | None) -> float | None:
        """Seconds the address must wait before a token is checked again, or None."""
        return None if address is None else self._table.retry_after(address)

    def failed(self, address: str | None) -> None:
        """Count a wrong token from the address."""
        if address is not None:
            self._table.record(address)

    def tracked(self) -> int:
        """How many addresses have failures on record."""
        return len(self._table)
