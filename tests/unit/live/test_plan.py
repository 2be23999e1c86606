"""Which subscriptions share a live feed (graphql_schema/live/plan.py): the same live field,
document (layout aside), operation name and variables; anything else runs on its own."""

from __future__ import annotations

import pytest

from graphql_schema.live.plan import share_plan

FLEET = "subscription { stationEvents { type stationId occurredAt payload } }"
ONE = "subscription($id: ID) { stationEvents(stationId: $id) { type stationId } }"
TYPED = "subscription { tx: transactionEvents { type lost: missed missed seqNo } }"


def test_the_same_query_and_variables_share_a_key() -> None:
    first, second = share_plan(ONE, None, {"id": "CS1"}), share_plan(ONE, None, {"id": "CS1"})
    assert first is not None and second is not None
    assert first.key == second.key


def test_other_variables_or_texts_make_other_keys() -> None:
    keys = {
        plan.key
        for plan in (
            share_plan(ONE, None, {"id": "CS1"}),
            share_plan(ONE, None, {"id": "CS2"}),
            share_plan(ONE, None, {"id": None}),
            share_plan(FLEET, None, None),
            share_plan("subscription { stationEvents { type } }", None, None),
            share_plan("subscription Named { stationEvents { type } }", None, None),
        )
        if plan is not None
    }
    assert len(keys) == 6


def test_documents_differing_only_in_layout_share_a_key() -> None:
    spaced = (
        "subscription {\n  stationEvents {\n    type, stationId # who\n occurredAt payload }\n}"
    )
    plans = share_plan(FLEET, None, None), share_plan(spaced, None, None)
    assert plans[0] is not None and plans[1] is not None
    assert plans[0].key == plans[1].key


def test_no_variables_and_empty_variables_are_the_same() -> None:
    plans = share_plan(FLEET, None, None), share_plan(FLEET, None, {})
    assert plans[0] is not None and plans[1] is not None
    assert plans[0].key == plans[1].key


def test_a_plan_names_where_missed_is_selected_under_its_aliases() -> None:
    plan = share_plan(TYPED, None, None)
    assert plan is not None
    assert (plan.root_key, plan.missed_keys) == ("tx", ("lost", "missed"))
    fleet = share_plan(FLEET, None, None)
    assert fleet is not None and (fleet.root_key, fleet.missed_keys) == ("stationEvents", ())


def test_the_named_operation_is_the_one_planned() -> None:
    text = "subscription A { meterValues { missed } } subscription B { stationEvents { type } }"
    plan = share_plan(text, "B", None)
    assert plan is None  # two definitions: run on its own
    named = share_plan("subscription B { meterValues { missed } }", "B", None)
    assert named is not None and named.root_key == "meterValues"
    assert share_plan("subscription B { meterValues { missed } }", "C", None) is None


@pytest.mark.parametrize(
    "query",
    [
        "query { stations { id } }",
        'mutation { clearCache(stationId: "CS1") { outcome } }',
        "subscription { stationEvents { type } meterValues { missed } }",
        "subscription { stationEvents @include(if: true) { type } }",
        "subscription { meterValues { missed @skip(if: false) } }",
        "subscription { meterValues { ...P } } fragment P on MeterValuesLiveEvent @x { missed }",
        "subscription { meterValues { ... on MeterValuesLiveEvent @x { missed } } }",
        "subscription { meterValues { ...P @include(if: true) } } fragment P on X { missed }",
        "subscription { meterValues { ...Unknown } }",
        "subscription { meterValues { ...P } } fragment P on X { ...Q } fragment Q on X { ...P }",
        "subscription { ...Root } fragment Root on Subscription { meterValues { missed } }",
        "subscription { somethingElse { type } }",
        "subscription { stationEvents { type }",
        "{ stationEvents { type } }",
    ],
)
def test_anything_else_runs_on_its_own(query: str) -> None:
    assert share_plan(query, None, None) is None


def test_fragments_of_the_live_field_are_planned_with_their_missed_keys() -> None:
    """Clients that build their selections from fragments share feeds too; `missed` selected
    in a fragment is patched under its response key, once however often it is selected."""
    text = """
    subscription Watch {
      tx: transactionEvents { ...Row ... on TransactionLiveEvent { gone: missed } }
    }
    fragment Row on TransactionLiveEvent { type ...Loss missed }
    fragment Loss on TransactionLiveEvent { missed lost: missed }
    """
    plan = share_plan(text, "Watch", None)
    assert plan is not None
    assert (plan.root_key, plan.missed_keys) == ("tx", ("missed", "lost", "gone"))
