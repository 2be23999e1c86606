"""Issue 24 item 16: a caller's mistake is logged as one INFO line, not as an ERROR traceback."""

from __future__ import annotations

import logging

import pytest
from graphql import GraphQLError

from graphql_schema.common.errors import InputError
from graphql_schema.error_log import is_caller_error
from tests.support.nodes import RunningNode


async def test_an_input_error_is_logged_at_info_without_a_traceback(
    node: RunningNode, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    body = await node.graphql.execute('mutation { upsertStation(input: {id: "a b"}) { id } }')
    assert body["errors"][0]["extensions"]["field"] == "id"
    refused = [r for r in caplog.records if r.name == "graphql_schema.errors"]
    assert [r.levelno for r in refused] == [logging.INFO]
    assert "identifierString" in refused[0].getMessage()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_document_that_does_not_validate_is_not_an_error_of_the_node(
    node: RunningNode, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    body = await node.graphql.execute("{ stations { noSuchField } }")
    assert "noSuchField" in body["errors"][0]["message"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_fault_of_the_node_stays_an_error() -> None:
    fault = GraphQLError("boom", original_error=RuntimeError("boom"))
    assert not is_caller_error(fault)
    assert is_caller_error(GraphQLError("x", original_error=InputError("id: bad")))
    assert is_caller_error(GraphQLError("Cannot query field"))
