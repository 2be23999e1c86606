"""The docs stay true to the code: every setting in the README's table, every GraphQL example
valid, every file path the docs name present in the repository."""

from __future__ import annotations

import re
from pathlib import Path

from app.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DOCS = [README, *sorted((ROOT / "docs").rglob("*.md")), ROOT / "bench" / "README.md"]
TOP = "app|modules|graphql_schema|infra|tests|bench|docs|third_party|scripts|dashboard"
PATH = re.compile(rf"`((?:{TOP})/[\w./-]*)")


def test_every_setting_is_in_the_readme_table() -> None:
    text = README.read_text()
    missing = [
        f"CSMS_{name.upper()}"
        for name in Settings.model_fields
        if f"`CSMS_{name.upper()}`" not in text
    ]
    assert missing == []


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


def test_every_file_path_the_docs_name_exists() -> None:
    missing = []
    for doc in DOCS:
        for match in PATH.finditer(doc.read_text()):
            path = match.group(1).split("::")[0].rstrip(".")
            if path.endswith(("_", "-")):  # a prefix: `bench/results/fleet-<time>.json`
                continue
            if not (ROOT / path).exists():
                missing.append(f"{doc.relative_to(ROOT)}: {path}")
    assert missing == []


def test_the_readme_event_table_is_the_event_registry() -> None:
    import app.bootstrap  # noqa: F401  (imports every block, so every event class registers)
    from modules.kernel.events import registered_types

    rows = re.findall(r"^\| `([A-Z_]+)` \| (\w+) \|", README.read_text(), re.M)
    table = [(name, block) for name, block in rows if not name.startswith("CSMS_")]
    registry = {
        name: cls.__module__.split(".")[1]
        for name, cls in registered_types().items()
        if cls.__module__.startswith("modules.")
    }
    assert dict(table) == registry
