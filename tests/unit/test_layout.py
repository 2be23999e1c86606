"""The shape every block keeps (docs/architecture.md, "A block"): the same files in each
`modules/<block>/`, and no block's GraphQL at the top of `graphql_schema/`."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BLOCK_FILES = {
    "__init__.py",
    "module.py",
    "handlers.py",
    "commands.py",
    "events.py",
    "policy.py",
    "store.py",
    "memory_store.py",
    "queries.py",
}
BLOCKS = sorted(
    path.name
    for path in (ROOT / "modules").iterdir()
    if path.is_dir() and path.name not in {"kernel", "__pycache__"}
)


def test_the_blocks_are_the_ones_the_docs_name() -> None:
    assert BLOCKS == [
        "authorization",
        "availability",
        "certificates",
        "customer_information",
        "data_transfer",
        "device_model",
        "display_messages",
        "firmware",
        "local_auth_lists",
        "logs",
        "message_log",
        "monitoring",
        "operators",
        "provisioning",
        "remote_control",
        "reservations",
        "security",
        "smart_charging",
        "tariffs",
        "transactions",
    ]


@pytest.mark.parametrize("block", BLOCKS)
def test_every_block_has_the_standard_files(block: str) -> None:
    present = {path.name for path in (ROOT / "modules" / block).glob("*.py")}

    assert BLOCK_FILES - present == set()


@pytest.mark.parametrize("block", BLOCKS)
def test_a_block_s_graphql_lives_in_its_own_package(block: str) -> None:
    top_level = {path.stem for path in (ROOT / "graphql_schema").glob("*.py")}

    assert not {name for name in top_level if name.startswith(block)}
