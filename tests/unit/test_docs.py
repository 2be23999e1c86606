"""The README's settings table lists every setting the code reads."""

from __future__ import annotations

import re
from pathlib import Path

from app.settings import Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_setting_is_in_the_readme_table() -> None:
    text = README.read_text()
    missing = [
        f"CSMS_{name.upper()}"
        for name in Settings.model_fields
        if f"`CSMS_{name.upper()}`" not in text
    ]
    assert missing == []


def test_readme_shows_the_two_commands() -> None:
    text = README.read_text()
    assert "make run" in text and "make test" in text


def test_readme_graphql_examples_are_valid_against_the_schema() -> None:
    from graphql import parse, validate

    from graphql_schema.schema import schema

    blocks = re.findall(r"```graphql\n(.*?)```", README.read_text(), re.S)
    assert blocks
    for block in blocks:
        source = re.sub(r"#.*", "", block)
        for operation in re.split(r"\n(?=mutation|query|subscription)", source.strip()):
            errors = validate(schema._schema, parse(operation))
            assert errors == [], (operation, errors)
