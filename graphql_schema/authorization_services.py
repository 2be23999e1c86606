"""How authorization resolvers reach the local-list publisher (an api service), and the
announcement of list changes after their commit."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from strawberry.types import Info

from graphql_schema.context import Context
from infra.db.models import IdToken, LocalAuthList
from modules.authorization import local_lists
from modules.authorization.list_publisher import LocalListPublisher


def publisher(info: Info[Context, Any]) -> LocalListPublisher:
    """This api node's local-list publisher."""
    return info.context.services.local_lists


async def announce_lists(info: Info[Context, Any], list_ids: Iterable[int], reason: str) -> None:
    """Tell the publisher that the stations of these lists have a new version to get."""
    ids = sorted(set(list_ids))
    if not ids:
        return
    sender = publisher(info)
    for auth_list in await LocalAuthList.filter(id__in=ids):
        stations = await local_lists.stations_of([auth_list.id])
        await sender.announce(stations, reason, auth_list.name, auth_list.version)


def info_fields(row: IdToken) -> tuple[Any, ...]:
    """What a token's idTokenInfo is made of: a change of these changes its list entries."""
    return (
        row.status,
        row.group_id_token,
        row.group_id_token_type,
        row.cache_expiry_date_time,
        row.language1,
        row.allowed_evse_ids,
        row.personal_message,
        row.master_pass,
    )
