"""The local-list reads GraphQL uses."""

from __future__ import annotations

from modules.kernel.services import OnStore
from modules.local_auth_lists.policy import LocalListError
from modules.local_auth_lists.store import EntryView, ListView, LocalListStore, StationListView


class LocalListQueries(OnStore[LocalListStore]):
    """Lists, their entries, and what each station holds."""

    async def lists(self, after_id: int | None = None, limit: int = 100) -> list[ListView]:
        """Lists by age."""
        return await self._store.list_views(after_id, limit)

    async def named(self, name: str) -> ListView | None:
        """The list called `name`, or None."""
        return await self._store.list_view(name)

    async def entries(
        self, name: str, after_id: int | None = None, limit: int = 100
    ) -> list[EntryView]:
        """A list's tokens in the order they were first put on it (LocalListError when
        there is no such list)."""
        found = await self._store.find_list(name)
        if found is None:
            raise LocalListError(f"no local list named {name!r}")
        return await self._store.entries(found.id, after_id, limit)

    async def station_lists(
        self,
        station_id: str | None = None,
        list_name: str | None = None,
        up_to_date: bool | None = None,
        after_id: int | None = None,
        limit: int = 100,
    ) -> list[StationListView]:
        """Assignments in the order they were made, of the station, the list and whether
        the station is up to date when given."""
        views = await self._store.station_lists(station_id, list_name, after_id)
        if up_to_date is not None:
            views = [view for view in views if view.up_to_date is up_to_date]
        return views[:limit]
