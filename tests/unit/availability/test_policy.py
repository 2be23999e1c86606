"""What a ChangeAvailability addresses (G03/G04), and the id combinations it refuses."""

from __future__ import annotations

import pytest

from modules.availability.policy import Scope, scope_of
from modules.kernel.commands import InvalidCommand


@pytest.mark.parametrize(
    ("evse_id", "connector_id", "scope"),
    [(None, None, Scope.STATION), (1, None, Scope.EVSE), (2, 1, Scope.CONNECTOR)],
)
def test_the_ids_given_decide_the_scope(
    evse_id: int | None, connector_id: int | None, scope: Scope
) -> None:
    assert scope_of(evse_id, connector_id) is scope


@pytest.mark.parametrize(
    ("evse_id", "connector_id", "field", "problem"),
    [
        (None, 1, "connectorId", "needs evseId"),
        (0, None, "evseId", "must be >= 1 (omit it for the whole station)"),
        (-1, 1, "evseId", "must be >= 1 (omit it for the whole station)"),
        (1, 0, "connectorId", "must be >= 1"),
    ],
)
def test_ids_that_cannot_address_anything_are_refused_naming_the_argument(
    evse_id: int | None, connector_id: int | None, field: str, problem: str
) -> None:
    with pytest.raises(InvalidCommand) as refused:
        scope_of(evse_id, connector_id)

    assert (refused.value.field, refused.value.problem) == (field, problem)
