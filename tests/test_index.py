"""The on-disk statement index (claimdiff.index): parts written once, exact search over opposing sides only."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from claimdiff.index import StatementIndex, statement_from_dict
from claimdiff.pairing import pairs_across
from claimdiff.records import Span, Stance, Statement


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


def test_a_part_keeps_its_chunks_stances(tmp_path):
    index = StatementIndex(tmp_path / "index")
    stance = Stance("a:0", "who_attacked", "az_attacked_am", "supports", 0.9, 0.9, 0.05, "Azerbaijan attacked.",
                    relevance=0.8, agreement=0.75)
    index.add(0, [_statement("a:0", "armenia")], np.array([[1, 0]], dtype=np.float32), [stance])
    index.add(1, [], np.zeros((0, 2), dtype=np.float32))
    assert index.stances(0) == [stance] and index.stances(1) == []
    (tmp_path / "index" / "part-00000.stances.jsonl").unlink()  # a part written before stances were kept
    assert index.stances(0) == []


def test_related_documents_are_found_by_the_mean_of_their_statements(tmp_path):
    index = StatementIndex(tmp_path / "index")
    index.add(0, [_statement("x:0", "armenia"), _statement("y:0", "armenia"), _statement("x:1", "armenia")],
              np.array([[1, 0], [-1, 0], [0, 1]], dtype=np.float32))
    index.add(1, [], np.zeros((0, 2), dtype=np.float32))
    found = index.related_documents(np.array([[0.6, 0.8]], dtype=np.float32), [0, 1], k=2, min_similarity=0.3)
    assert [(part, doc) for _, part, doc in found[0]] == [(0, "x")]  # y is the opposite of the query
    assert found[0][0][0] == pytest.approx(0.7 * (0.6 + 0.8) / 0.98995, abs=1e-3)
    assert index.document_rows(0, ["x"]) == [(0, 0), (0, 2)] and index.document_rows(0, ["none"]) == []
    index.add(2, [_statement("z:0", "armenia")], np.array([[1, 0]], dtype=np.float32))
    assert index.parts_holding(["z", "x"], [0, 1, 2]) == [0, 2] and index.parts_holding(["x"], [1, 2]) == []


def test_pairs_across_brings_the_whole_story_of_a_related_earlier_document(tmp_path):
    # An earlier document's three claims, one much like the new denial, two worded far from it (and nearer the
    # new document's other statement); with top_k=1 the denial meets the first only, with its story all three.
    e = np.eye(3, dtype=np.float32)
    claims = {"drones struck the depot": e[0], "troops crossed the line": e[1], "a soldier was wounded": e[2]}
    denial, other = "denied the drone strike", "the border was calm"
    table = {**claims, denial: (e[0] + 0.5 * e[1] + 0.5 * e[2]) / np.linalg.norm([1, 0.5, 0.5]),
             other: (e[1] + e[2]) / np.sqrt(2)}
    index = StatementIndex(tmp_path / "index")
    old = [_statement(f"old:{i}", "armenia", text) for i, text in enumerate(claims)]
    index.add(0, old, np.stack(list(claims.values())))
    new = [dataclasses.replace(_statement("new:0", "azerbaijan", denial), polarity="denies"),
           _statement("new:1", "azerbaijan", other)]

    def embed(texts):
        return np.stack([table[t] for t in texts])

    def partners(related_docs):
        pairs, _, _ = pairs_across(new, index, [0], _opposes, embed, top_k=1, min_similarity=0.3,
                                   related_docs=related_docs)
        return {(p.a.id, p.b.id): p.signals[0] for p in pairs if p.b.id == "new:0"}

    assert partners(None) == {("old:0", "new:0"): "topic"}
    assert partners(3) == {("old:0", "new:0"): "story", ("old:1", "new:0"): "story", ("old:2", "new:0"): "story"}
