"""Each mutation is classified as an operator's or an admin's command in
`graphql_schema/roles.py`, so one added later cannot slip through with no decision."""

from __future__ import annotations

from graphql import OperationType

from graphql_schema.roles import ADMIN_MUTATIONS, ADMIN_QUERIES, OPERATOR_MUTATIONS, needed_role
from graphql_schema.schema import schema
from modules.operators import Role, allows


def test_every_mutation_is_classified_once() -> None:
    mutation_type = schema._schema.mutation_type
    query_type = schema._schema.query_type
    assert mutation_type is not None and query_type is not None
    mutations = set(mutation_type.fields)

    assert mutations - (ADMIN_MUTATIONS | OPERATOR_MUTATIONS) == set(), "classify it"
    assert set() == ADMIN_MUTATIONS & OPERATOR_MUTATIONS
    assert (ADMIN_MUTATIONS | OPERATOR_MUTATIONS) - mutations == set(), "no such mutation"
    assert set(query_type.fields) >= ADMIN_QUERIES


def test_an_unclassified_mutation_needs_operator_and_reads_need_viewer() -> None:
    assert needed_role(OperationType.MUTATION, "somethingNew") is Role.OPERATOR
    assert needed_role(OperationType.MUTATION, "upsertStation") is Role.ADMIN
    assert needed_role(OperationType.QUERY, "stations") is Role.VIEWER
    assert needed_role(OperationType.QUERY, "auditLog") is Role.ADMIN
    assert needed_role(OperationType.SUBSCRIPTION, "stationEvents") is Role.VIEWER


def test_roles_are_ordered() -> None:
    assert allows(Role.ADMIN, Role.OPERATOR) and allows(Role.OPERATOR, Role.VIEWER)
    assert not allows(Role.VIEWER, Role.OPERATOR) and not allows(Role.OPERATOR, Role.ADMIN)
