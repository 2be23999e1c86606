"""What a block's handlers, queries and result handlers share when the block's store is all
they are built with."""

from __future__ import annotations

from typing import Generic, TypeVar

StoreT = TypeVar("StoreT")


class OnStore(Generic[StoreT]):
    """A block service built on the block's store alone (kept as `self._store`)."""

    def __init__(self, store: StoreT) -> None:
        self._store = store
