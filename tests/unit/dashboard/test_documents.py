"""The dashboard's GraphQL documents (every `gql` template in `dashboard/js/`) are valid
against the schema, so a schema change that breaks the page fails here, without a browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graphql import parse, validate

from graphql_schema.schema import schema

ROOT = Path(__file__).resolve().parents[3]
SCRIPTS = sorted((ROOT / "dashboard" / "js").rglob("*.js"))
DOCUMENT = re.compile(r"\bgql`(.*?)`", re.S)


def documents() -> list[tuple[str, str]]:
    """(file, document) for every `gql` template literal of the dashboard's modules."""
    found = []
    for script in SCRIPTS:
        for match in DOCUMENT.finditer(script.read_text()):
            found.append((script.relative_to(ROOT).as_posix(), match.group(1)))
    return found


def test_the_dashboard_has_documents_and_none_interpolates() -> None:
    found = documents()
    assert len(found) > 10
    assert [file for file, text in found if "${" in text] == []


@pytest.mark.parametrize(("file", "document"), documents())
def test_every_dashboard_document_is_valid_against_the_schema(file: str, document: str) -> None:
    errors = validate(schema._schema, parse(document))
    assert errors == [], (file, document, errors)
