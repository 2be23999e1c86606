"""A dependency (the database, the cache, the bus) that refused, broke off or did not answer
in time, told apart from every other failure so that callers can say what is unavailable
(a station gets `InternalError "database unavailable"`, an operator an `UNAVAILABLE` GraphQL
error, a new station HTTP 503) without showing internals.

The adapters of the cache and the bus raise `DependencyUnavailable` themselves; the database
driver's own errors are recognised by the classifier the composition root hands over
(`infra.outages.unavailable_dependency`), since the kernel does not know the driver.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

DATABASE = "database"
CACHE = "cache"
BUS = "bus"


class DependencyUnavailable(Exception):
    """`dependency` ("database", "cache" or "bus") refused, broke off or missed its deadline."""

    def __init__(self, dependency: str) -> None:
        super().__init__(f"{dependency} unavailable")
        self.dependency = dependency


Classifier = Callable[[BaseException], "str | None"]
"""Names the dependency an error says is unavailable, or None for any other error."""


def causes(error: BaseException, limit: int = 16) -> Iterator[BaseException]:
    """`error`, then what caused it (`__cause__`, else `__context__`), at most `limit` deep."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen and len(seen) < limit:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def named_dependency(error: BaseException) -> str | None:
    """The dependency a `DependencyUnavailable` in `error`'s causes names; the classifier of
    last resort (it knows no driver's errors)."""
    for cause in causes(error):
        if isinstance(cause, DependencyUnavailable):
            return cause.dependency
    return None


def description(dependency: str) -> str:
    """What a station or an operator is told: `"<dependency> unavailable"`."""
    return f"{dependency} unavailable"
