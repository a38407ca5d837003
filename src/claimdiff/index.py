"""An on-disk index of statements and their sentence embeddings, one part per chunk of a run.

A chunked run (:mod:`claimdiff.batch`) pairs statements within their chunk; with this index it also pairs each new
statement with its most similar opposing statements of the chunks before, and each new document with the earlier
documents of its story (:func:`claimdiff.pairing.pairs_across`), while memory stays bounded by a chunk and one
part of the index, not by the corpus (a part's sides and document ids stay cached: a few bytes a statement).

A part is three files, written once and never changed: ``part-00003.npy`` (the normalised float32 embeddings, one
row per statement), ``part-00003.jsonl`` (the statements, ``Statement.to_dict``, in the same order) and
``part-00003.stances.jsonl`` (the chunk's stances on the pack's propositions that are not neutral). Search is
exact: one matrix product per part, read memory-mapped; a statement's vector is 1.5 KB on disk. 2,000 queries took 1.4 s
against 20,000 statements and 6.8 s against 100,000 on two busy CPU cores (``python benchmarks/bench_index.py``,
benchmarks/RESULTS.md): linear in the statements indexed, so near the end of a run of several hundred thousand
statements a chunk's search costs about as much as its analysis. There an approximate index (faiss, usearch)
would pay for its dependency.

Example:
    >>> index = StatementIndex("run/index")                                  # doctest: +SKIP
    >>> index.add(0, statements, vectors)                                    # doctest: +SKIP
    >>> hits = index.search(queries, ["armenia"], parts=[0], opposes=registry.opposes, k=5)  # doctest: +SKIP
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from claimdiff.records import Span, Stance, Statement

STANCES = ".stances.jsonl"  # a part's stances, beside its statements

# (score, part, row) of one statement found
Hit = tuple[float, int, int]


def statement_from_dict(row: dict) -> Statement:
    """The :class:`Statement` that ``Statement.to_dict`` wrote."""
    spans = {k: None if row.get(k) is None else Span(**row[k]) for k in ("content", "speaker", "cue", "pointer")}
    return Statement(**{**row, **spans})


class StatementIndex:
    """Statements and their embeddings in a folder, one part per chunk; see the module docstring."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        # Parts never change once written: each part's sides (one a row) and documents (ids, and one index a row).
        self._sides: dict[int, list[str | None]] = {}
        self._docs: dict[int, tuple[list[str], np.ndarray]] = {}

    def _path(self, part: int, suffix: str) -> Path:
        return self.folder / f"part-{part:05d}{suffix}"

    def add(self, part: int, statements: Sequence[Statement], vectors: np.ndarray,
            stances: Sequence[Stance] = ()) -> None:
        """Write part ``part``: each file under a temporary name, synced, then moved into place. ``stances``: the
        chunk's stances (not neutral) on the pack's propositions, for counterclaims with later chunks."""
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or len(statements) != len(vectors):
            raise ValueError(f"{len(statements)} statements need as many rows of vectors, got shape {vectors.shape}")
        buffer = io.BytesIO()
        np.save(buffer, vectors)
        rows = "".join(json.dumps(s.to_dict(), ensure_ascii=False) + "\n" for s in statements)
        write_atomic(self._path(part, STANCES), "".join(json.dumps(x.to_dict(), ensure_ascii=False) + "\n"
                                                        for x in stances))
        write_atomic(self._path(part, ".npy"), buffer.getvalue())
        write_atomic(self._path(part, ".jsonl"), rows)

    def vectors(self, part: int) -> np.ndarray:
        return np.load(self._path(part, ".npy"), mmap_mode="r")

    def statements(self, part: int) -> list[Statement]:
        with open(self._path(part, ".jsonl"), encoding="utf-8") as f:
            return [statement_from_dict(json.loads(line)) for line in f if line.strip()]

    def stances(self, part: int) -> list[Stance]:
        """The stances stored with part ``part`` (none for a part written before stances were kept)."""
        path = self._path(part, STANCES)
        if not path.is_file():
            return []
        with open(path, encoding="utf-8") as f:
            return [Stance(**json.loads(line)) for line in f if line.strip()]

    def search(self, queries: np.ndarray, sides: Sequence[str | None], parts: Iterable[int],
               opposes: Callable[[str, str], bool], k: int) -> list[list[Hit]]:
        """For each query, the ``k`` most similar statements of ``parts`` whose side opposes the query's side
        (``opposes`` either way round), best first (equal scores in part and row order)."""
        queries = np.asarray(queries, dtype=np.float32)
        n = len(queries)
        # The best k so far of each query, as three aligned (n, <= k) arrays.
        scores = np.zeros((n, 0), dtype=np.float32)
        where = np.zeros((n, 0), dtype=np.int64), np.zeros((n, 0), dtype=np.int64)
        if n and k >= 1:
            for part in parts:
                theirs = self._read(part)[0]
                if not theirs:
                    continue
                sims = queries @ np.asarray(self.vectors(part)).T
                for side in set(sides):
                    allowed = np.array([bool(side and t and t != side and (opposes(side, t) or opposes(t, side)))
                                        for t in theirs])
                    sims[np.ix_([i for i, s in enumerate(sides) if s == side], np.flatnonzero(~allowed))] = -np.inf
                m = min(k, sims.shape[1])
                top = np.argpartition(sims, -m, axis=1)[:, -m:]
                scores = np.concatenate([scores, np.take_along_axis(sims, top, axis=1)], axis=1)
                where = (np.concatenate([where[0], np.full_like(top, part)], axis=1),
                         np.concatenate([where[1], top], axis=1))
                if scores.shape[1] > k:
                    keep = np.argpartition(scores, -k, axis=1)[:, -k:]
                    scores = np.take_along_axis(scores, keep, axis=1)
                    where = tuple(np.take_along_axis(w, keep, axis=1) for w in where)
        order = np.lexsort((where[1], where[0], -scores), axis=-1)
        return [[(float(scores[i, j]), int(where[0][i, j]), int(where[1][i, j])) for j in order[i]
                 if np.isfinite(scores[i, j])] for i in range(n)]

    def _read(self, part: int) -> tuple[list[str | None], tuple[list[str], np.ndarray]]:
        """Part ``part``'s sides and documents, read once (every search and story lookup needs them)."""
        if part not in self._sides:
            statements = self.statements(part)
            # One string object per side name, not one per statement: the cache grows with the corpus.
            self._sides[part] = [s.side and sys.intern(s.side) for s in statements]
            ids = list(dict.fromkeys(s.doc_id for s in statements))
            position = {d: i for i, d in enumerate(ids)}
            self._docs[part] = ids, np.array([position[s.doc_id] for s in statements], dtype=np.int32)
        return self._sides[part], self._docs[part]

    def related_documents(self, queries: np.ndarray, parts: Iterable[int], k: int,
                          min_similarity: float) -> list[list[tuple[float, int, str]]]:
        """For each query (a document's vector: the normalised mean of its statements'), the ``k`` most similar
        documents of ``parts`` at least ``min_similarity`` alike, as (similarity, part, doc id), best first. A
        document's vector is the mean of its indexed statements', as :func:`claimdiff.pairing.candidate_pairs`
        computes it within a chunk."""
        queries = np.asarray(queries, dtype=np.float32)
        found: list[list[tuple[float, int, str]]] = [[] for _ in range(len(queries))]
        if not len(queries) or k < 1:
            return found
        for part in parts:
            ids, rows = self._read(part)[1]
            if not ids:
                continue
            sums = np.zeros((len(ids), queries.shape[1]), dtype=np.float32)
            np.add.at(sums, rows, np.asarray(self.vectors(part)))
            sums /= np.linalg.norm(sums, axis=1, keepdims=True).clip(min=1e-9)
            sims = queries @ sums.T
            for i, row in enumerate(sims):
                best = [(float(row[j]), part, ids[j]) for j in np.argsort(-row)[:k] if row[j] >= min_similarity]
                # The best k so far: what is held stays k a query, however many parts there are.
                found[i] = sorted(found[i] + best, key=lambda t: (-t[0], t[1], t[2]))[:k]
        return found

    def document_rows(self, part: int, doc_ids: Iterable[str]) -> list[tuple[int, int]]:
        """The (part, row) of every indexed statement of these documents in ``part``."""
        ids, rows = self._read(part)[1]
        doc_ids = set(doc_ids)
        wanted = [i for i, d in enumerate(ids) if d in doc_ids]
        return [(part, int(r)) for r in np.flatnonzero(np.isin(rows, wanted))]

    def parts_holding(self, doc_ids: Iterable[str], parts: Iterable[int]) -> list[int]:
        """The parts among ``parts`` that hold statements of these documents."""
        doc_ids = set(doc_ids)
        return [part for part in parts if not doc_ids.isdisjoint(self._read(part)[1][0])]

    def fetch(self, hits: Iterable[tuple[int, int]]) -> tuple[list[Statement], np.ndarray]:
        """The statements and vectors at ``(part, row)``, in the order given (one read per part)."""
        hits = list(hits)
        found: dict[tuple[int, int], tuple[Statement, np.ndarray]] = {}
        for part in sorted({p for p, _ in hits}):
            rows = {row for p, row in hits if p == part}
            vectors = self.vectors(part)
            # Only the rows asked for are parsed: a chunk's hits are a few rows of each of many parts.
            with open(self._path(part, ".jsonl"), encoding="utf-8") as f:
                for row, line in enumerate(line for line in f if line.strip()):
                    if row in rows:
                        found[(part, row)] = (statement_from_dict(json.loads(line)), np.array(vectors[row]))
        if not hits:
            return [], np.zeros((0, 0), dtype=np.float32)
        return [found[h][0] for h in hits], np.stack([found[h][1] for h in hits])


def write_atomic(path: Path, data: str | bytes) -> None:
    """``data`` in ``path``, all or nothing: written under a temporary name, synced, then moved into place (what
    a run's shards and manifest need to survive a kill)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
