"""The claims stage: denials linked to what they deny, and one claim per story.

Three steps between resolution and pairing (see ``shared/DESIGN.md``):

* :func:`link_denials` — a denial that only points back ("Pashinyan rejected the accusation") was given, by
  segmentation, the content of the statement just before it, before anyone's side was known. A denial answers
  the other side, so when that statement is not of an opposing side, the nearest earlier statement of an
  opposing side in the same document that asserts something takes its place (content and ``refers_to``).
* :func:`denied_claims` — what each such denial answers: the claim it points at and the claims of the same side
  just before it ("... The men carried explosives, it said. Yerevan dismissed the report").
* :func:`group_claims` — near-identical statements of one actor, with one polarity, across documents (wire
  copies, follow-ups) become one :class:`~claimdiff.records.Claim` with its sources; every statement carries
  its ``claim_id``, so contradictions can be reported once per pair of claims
  (:func:`one_per_claim_pair`).

Example:
    >>> from claimdiff.records import Span, Statement
    >>> text = "Baku said Yerevan shelled Tovuz. Yerevan rejected the accusation."
    >>> claim = Statement("d:s1", "d", "indirect", Span.of(text, 10, 31), actor="AZ.GOV", side="azerbaijan")
    >>> denial = Statement("d:s2", "d", "indirect", Span.of(text, 10, 31), cue=Span.of(text, 41, 49),
    ...                    polarity="denies", actor="AM.GOV", side="armenia", refers_to="d:s1")
    >>> linked = link_denials([claim, denial], lambda a, b: {a, b} == {"armenia", "azerbaijan"})
    >>> linked[1].refers_to
    'd:s1'
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from claimdiff.records import Claim, Document, Span, Statement, Verdict

logger = logging.getLogger(__name__)

__all__ = ["claim_pair", "denied_claims", "group_claims", "link_denials", "one_per_claim_pair", "opposed"]

#: The most claims one back-pointing denial answers: the claim it points at and the ones just before it.
MAX_DENIED_RUN = 3

#: Cosine similarity of two contents of one actor above which they are the same claim (wire copies reword
#: a little: "said on Tuesday" / "said Tuesday", a dropped clause).
SAME_CLAIM_SIMILARITY = 0.9
_WORDS = re.compile(r"\w+")


def opposed(opposes: Callable[[str, str], bool], a: str | None, b: str | None) -> bool:
    """Whether sides ``a`` and ``b`` oppose each other either way (the narrator's and an unknown side oppose no one)."""
    if a is None or b is None or "narrator" in (a, b):
        return False
    return opposes(a, b) or opposes(b, a)


def link_denials(statements: Sequence[Statement], opposes: Callable[[str, str], bool]) -> list[Statement]:
    """Point each back-pointing denial at the nearest earlier claim of an opposing side in its document, or, with
    none before it, at the first one after it (a partisan story may give its side's answer first).

    A denial whose target is already of an opposing side, or whose document has no such claim, is kept as it is
    (pairing then judges the latter against the other side's most similar claim elsewhere, if one is alike
    enough). Returns new statements, same length and order.
    """
    out = list(statements)
    by_id = {s.id: i for i, s in enumerate(out)}
    for i, s in enumerate(out):
        if s.refers_to is None or s.refers_to not in by_id or s.side is None:
            continue
        target = out[by_id[s.refers_to]]
        if opposed(opposes, s.side, target.side):
            continue
        earlier = [t for t in out[:i] if t.doc_id == s.doc_id and t.polarity == "asserts" and t.refers_to is None
                   and t.content.end <= (s.cue.start if s.cue else s.content.start) + 1
                   and opposed(opposes, s.side, t.side)]
        # A partisan story often gives its own side's answer before the claim it answers ("Baku called the Armenian
        # allegations a fabrication. ... The Armenian ministry said ..."): with nothing opposing before it, the
        # first opposing claim after it.
        later = [t for t in out[i + 1:] if t.doc_id == s.doc_id and t.polarity == "asserts" and t.refers_to is None
                 and opposed(opposes, s.side, t.side)]
        if not earlier and not later:
            continue
        new = max(earlier, key=lambda t: t.content.start) if earlier else min(later, key=lambda t: t.content.start)
        logger.debug("%s: denies %s (of %s), not %s", s.id, new.id, new.side, target.id)
        out[i] = dataclasses.replace(s, content=Span(new.content.start, new.content.end, new.content.text),
                                     refers_to=new.id)
    return out


def denied_claims(statements: Sequence[Statement], opposes: Callable[[str, str], bool],
                  max_run: int = MAX_DENIED_RUN,
                  source: Callable[[str], str] = lambda actor: actor) -> dict[str, tuple[str, ...]]:
    """Denial id → the ids of the claims it denies, for each denial that points back at a claim of an opposing
    side (after :func:`link_denials`).

    "Baku said its guards had detained two saboteurs. The men carried explosives, it said. Yerevan dismissed the
    report": the report is the whole account, so a denial answers the claim it points at and the claims of the
    same side just before it, up to ``max_run`` in all, back to the first statement of any other side or of
    another source of that side (the narrator's, and those whose side is unknown, do not count). ``source`` maps
    an actor to the source it speaks for (usually ``registry.voice_of``: a ministry's spokesman is the ministry).
    """
    position = {s.id: i for i, s in enumerate(statements)}
    denied: dict[str, tuple[str, ...]] = {}
    for s in statements:
        i = position.get(s.refers_to) if s.refers_to else None
        if i is None or not opposed(opposes, s.side, statements[i].side):
            continue
        target, run = statements[i], [statements[i].id]
        for earlier in reversed(statements[:i]):
            if len(run) == max_run or earlier.doc_id != target.doc_id:
                break
            if earlier.kind == "narrator" or earlier.side is None:
                continue  # the narrator's, or a speaker nobody knows: neither ends nor joins the account
            if earlier.side != target.side or earlier.polarity != "asserts" or earlier.refers_to is not None:
                break
            if None not in (earlier.actor, target.actor) and source(earlier.actor) != source(target.actor):
                break  # another speaker of that side: "the report" is one source's account
            run.append(earlier.id)
        denied[s.id] = tuple(run)
    return denied


def _normalised(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def group_claims(statements: Sequence[Statement], embed: Callable[[Sequence[str]], np.ndarray],
                 documents: Mapping[str, Document] | None = None,
                 min_similarity: float = SAME_CLAIM_SIMILARITY) -> tuple[list[Statement], list[Claim]]:
    """Group near-identical statements of one actor and polarity into claims.

    Args:
        statements: resolved statements of a corpus, in input order.
        embed: texts → normalised embeddings (the pipeline's cached sentence encoder).
        documents: id → document, for each claim's outlets and first date (``meta["outlet"]``,
            ``meta["date"]``); optional.
        min_similarity: cosine similarity at which two contents are one claim.

    Returns:
        The statements with ``claim_id`` set, same order, and the claims (ids ``c0001``, ... in order of
        first statement). Statements without an actor (narrator included) are claims of their own.
    """
    documents = documents or {}
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, s in enumerate(statements):
        if s.actor is not None and s.kind != "narrator":
            groups[(s.actor, s.polarity)].append(i)
    leader = list(range(len(statements)))  # statement index -> index of its claim's first statement
    for members in groups.values():
        if len(members) < 2:
            continue
        vectors = embed([statements[i].content.text for i in members])
        texts = [_normalised(statements[i].content.text) for i in members]
        heads: list[int] = []  # positions in members
        for k, i in enumerate(members):
            for h in heads:
                j = members[h]
                if statements[j].doc_id == statements[i].doc_id and statements[j].content == statements[i].content:
                    continue  # a pointer back shares its target's span: still two statements in one document
                if texts[k] == texts[h] or float(vectors[k] @ vectors[h]) >= min_similarity:
                    leader[i] = j
                    break
            else:
                heads.append(k)
    members_of: dict[int, list[int]] = defaultdict(list)
    for i, head in enumerate(leader):
        members_of[head].append(i)
    claim_of: dict[int, str] = {}
    claims: list[Claim] = []
    for n, head in enumerate(sorted(members_of), start=1):
        cid = f"c{n:04d}"
        idx = members_of[head]
        docs = list(dict.fromkeys(statements[i].doc_id for i in idx))
        outlets = [documents[d].meta.get("outlet") for d in docs if d in documents]
        dates = sorted(str(documents[d].meta["date"]) for d in docs if d in documents and documents[d].meta.get("date"))
        first = statements[head]
        claims.append(Claim(cid, first.actor, first.side, first.polarity, first.content.text,
                            tuple(statements[i].id for i in idx), tuple(docs),
                            tuple(dict.fromkeys(o for o in outlets if o)), dates[0] if dates else None))
        for i in idx:
            claim_of[i] = cid
    out = [dataclasses.replace(s, claim_id=claim_of[i]) for i, s in enumerate(statements)]
    logger.info("claims: %d statements in %d claims", len(out), len(claims))
    return out, claims


def claim_pair(a: Statement, b: Statement) -> frozenset[str]:
    """What two statements stand for as a pair: their claims (their own ids before claims are grouped)."""
    return frozenset((a.claim_id or a.id, b.claim_id or b.id))


def one_per_claim_pair(verdicts: Sequence[Verdict]) -> list[Verdict]:
    """The contradiction verdicts, one per pair of claims (the best scored), best first."""
    best: dict[frozenset[str], Verdict] = {}
    for v in verdicts:
        if v.label != "contradiction":
            continue
        key = claim_pair(v.pair.a, v.pair.b)
        if key not in best or v.score > best[key].score:
            best[key] = v
    return sorted(best.values(), key=lambda v: -v.score)
