"""Connection ids that order themselves (issue 20 item 2, fencing): the first 16 characters
are the station's connection generation in fixed-width hex, from a counter every node shares,
so comparing two ids as text compares their generations, in Python and in SQL alike. An id
without that shape (written before generations existed) counts as generation 0."""

from __future__ import annotations

import string
import uuid

WIDTH = 16
_HEX = frozenset(string.hexdigits)


def connection_id(generation: int) -> str:
    """A new id for the station's connection number `generation` (36 characters)."""
    return f"{generation:0{WIDTH}x}-{uuid.uuid4().hex[:19]}"


def generation_of(connection: str) -> int:
    """The generation an id was made for; 0 for an id of another shape."""
    head = connection[:WIDTH]
    if len(connection) != WIDTH + 20 or connection[WIDTH] != "-" or not _HEX.issuperset(head):
        return 0
    return int(head, 16)


def is_newer(connection: str, than: str) -> bool:
    """Whether `connection` was opened after `than` (a later generation)."""
    return generation_of(connection) > generation_of(than)
