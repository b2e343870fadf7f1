"""Library queries with a text parameter, narrowed by the store's text index.

A query whose header has ``# index: text -> recommendation rg:action rg:quote`` reads only the
recommendations the index finds for the bound text, when the store has an index that can
answer (`GraphStore.text_candidates`); otherwise, or when the index finds too many, the query
runs as written and reads every literal. Either way its FILTER decides: the same rows.
"""

from __future__ import annotations

from .querylib import LibraryQuery, bind, given_values
from .store.base import GraphStore

# Above this many candidates the query is run without them. Measured on the 1,000-report store
# (bench/queries.py, CPU): reading every paragraph costs paragraphs-mentioning about 1.0 s and
# looking up candidates about 70 us each (rows included), so that both cost the same near
# 24,000 candidates (who-called-for: near 48,000); asking the index for this many more than
# the cap costs 0.1-0.2 s.
MAX_CANDIDATES = 20_000


def candidates(store: GraphStore, query: LibraryQuery, values: dict[str, str | list[str]],
               *, limit: int = MAX_CANDIDATES) -> dict[str, list[str]]:
    """variable -> IRIs from the text index, for each ``# index:`` of `query` whose parameter
    is bound and for which the index answers every value with at most `limit` subjects."""
    raws = given_values(query, values)
    out: dict[str, list[str]] = {}
    for hint in query.index:
        found: set[str] = set()
        for text in raws.get(hint.param, []):
            subjects = store.text_candidates(text, hint.predicates, limit=limit)
            if subjects is None:
                break
            found.update(subjects)
        else:
            if hint.param in raws and len(found) <= limit:
                out[hint.variable] = sorted(found)
    return out


def bind_query(store: GraphStore, query: LibraryQuery,
               values: dict[str, str | list[str]]) -> str:
    """`querylib.bind`, with the candidates of the store's text index where the query says
    where they go."""
    return bind(query, values, candidates(store, query, values) if query.index else None)
