"""The GraphQL document cache is bounded by bytes, not entries: 600 distinct 0.5 MB documents
(issue 19) cannot grow it past its budget."""

from __future__ import annotations

from graphql import parse

from graphql_schema.limits import BYTES_PER_CHARACTER, DocumentCache

DOCUMENT = parse("{ __typename }")


def test_the_cache_keeps_the_most_recently_used_within_its_bytes() -> None:
    cache = DocumentCache(max_bytes=100 * 1000 * BYTES_PER_CHARACTER)
    texts = [f"{{ __typename }} # {i:04d}" + " " * 900 for i in range(200)]

    for text in texts:
        cache.put(text, DOCUMENT, None)
        assert cache.size <= cache.max_bytes

    assert 50 < len(cache) < 120
    assert cache.get(texts[-1]) is not None and cache.get(texts[0]) is None


def test_a_document_too_big_for_the_cache_is_not_kept() -> None:
    cache = DocumentCache(max_bytes=8 * 1024 * 1024)

    for i in range(600):
        cache.put(f"# {i}" + " " * 500_000, DOCUMENT, None)

    assert len(cache) == 0 and cache.size == 0
