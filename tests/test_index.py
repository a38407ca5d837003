"""The on-disk statement index (claimdiff.index): parts written once, exact search over opposing sides only."""

from __future__ import annotations

import dataclasses

import numpy as np

from claimdiff.index import StatementIndex, statement_from_dict
from claimdiff.records import Span, Statement


def _statement(sid: str, side: str | None, text: str = "the village was shelled") -> Statement:
    return Statement(sid, sid.split(":")[0], "indirect", Span(10, 10 + len(text), text), speaker=Span(0, 7, "Yerevan"),
                     side=side, actor=side and side[:2].upper())


def _opposes(x: str, y: str) -> bool:
    return {x, y} == {"armenia", "azerbaijan"}


def test_statements_round_trip():
    st = _statement("d1:0", "armenia")
    assert statement_from_dict(st.to_dict()) == st
    pointing = dataclasses.replace(st, polarity="denies", refers_to="d0:0", pointer=Span(30, 44, "the accusation"))
    assert statement_from_dict(pointing.to_dict()) == pointing
    assert statement_from_dict(Statement("d:1", "d", "narrator", Span(0, 3, "abc")).to_dict()).speaker is None


def test_search_finds_opposing_sides_only_best_first(tmp_path):
    index = StatementIndex(tmp_path / "index")
    first = [_statement("a:0", "armenia"), _statement("b:0", "azerbaijan"), _statement("c:0", "azerbaijan")]
    index.add(0, first, np.array([[1, 0], [0.6, 0.8], [0.8, 0.6]], dtype=np.float32))
    index.add(1, [], np.zeros((0, 2), dtype=np.float32))  # a chunk without pairable statements
    index.add(2, [_statement("d:0", "azerbaijan")], np.array([[1, 0]], dtype=np.float32))
    hits = index.search(np.array([[1, 0], [1, 0]], dtype=np.float32), ["armenia", None], [0, 1, 2], _opposes, k=2)
    assert [(p, r) for _, p, r in hits[0]] == [(2, 0), (0, 2)]  # the same-side a:0 is never found
    assert hits[1] == []  # a statement without a side has no opponent
    statements, vectors = index.fetch([(2, 0), (0, 2)])
    assert [s.id for s in statements] == ["d:0", "c:0"] and vectors.shape == (2, 2)
    assert not list((tmp_path / "index").glob("*.tmp"))
