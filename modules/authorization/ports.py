"""What the authorization block needs from other blocks, as ports the composition root fills:
the driver's tariff text for an AuthorizeResponse (the tariffs block, I01)."""

from __future__ import annotations

from typing import Protocol


class TariffText(Protocol):
    """A driver-facing tariff text and its language."""

    @property
    def content(self) -> str:
        """The text."""
        ...

    @property
    def language(self) -> str | None:
        """Its language (RFC 5646), if known."""
        ...


class TariffTexts(Protocol):
    """The tariff text of a driver at a station (I01.FR.01)."""

    async def text_for(
        self, station_id: str, id_token: str, group_id_token: str | None
    ) -> TariffText | None:
        """The text of the tariff a driver presenting `id_token` (of group `group_id_token`)
        gets at `station_id`, None when no tariff (or no text) applies."""
        ...
