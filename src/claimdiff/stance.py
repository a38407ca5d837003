"""The stance stage: where each statement stands on the contested questions of a conflict.

Opposing sides rarely negate each other word for word ("Armenia committed a large-scale provocation" vs
"Azerbaijan was striking civilian infrastructure"), so pairwise NLI between their statements mostly says
neutral. Scored against a shared *proposition* ("Azerbaijan attacked Armenia."), both statements take a
stance, and opposite stances of opposing sides are a :class:`~claimdiff.records.Counterclaim`.

Questions and their propositions are data: a ``questions:`` list in the pack (read by :mod:`claimdiff.pack`;
see docs/packs.md), or the user's own via :func:`questions_from`. Each statement is scored only on the propositions of its
``top_questions`` most similar questions, so the NLI cost grows with statements × ``top_questions``, not with
the size of the pack.

Example:
    >>> qs = questions_from(["Azerbaijan attacked Armenia.", "A cease-fire is in force."])
    >>> [p.id for p in qs[0].propositions]
    ['azerbaijan_attacked_armenia', 'a_cease_fire_is_in_force']
    >>> stances = score_stances(statements, qs, nli, encoder.encode)  # doctest: +SKIP
    >>> counterclaims(stances, statements, registry.opposes)  # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from os import PathLike
from typing import Any

import numpy as np

from claimdiff.actors import counted
from claimdiff.claims import claim_pair
from claimdiff.numbers import different_owners
from claimdiff.pack import Pack, parse_questions  # parse_questions: still importable from here
from claimdiff.times import time_relation
from claimdiff.records import Counterclaim, Proposition, Question, Stance, Statement

logger = logging.getLogger(__name__)

__all__ = ["counterclaims", "load_questions", "parse_questions", "positions", "questions_from", "score_stances"]

# Column order of NLIModel.predict (claimdiff.nli.LABELS); kept here so this module imports no torch.
ENTAILMENT, CONTRADICTION = 0, 2
MIN_RELEVANCE = 0.3
# In an exclusive question, a statement whose two strongest supports are closer than this cannot tell the
# alternatives apart: none of them is taken as its answer.
EXCLUSIVE_MARGIN = 0.1
#: The least share of a proposition's wordings that must read a statement one way for it to take that stance.
#: 0 by default: on the written contradiction benchmark, 0.5 lost half the true counterclaims (12 -> 6) and
#: none of the false ones (6); the share is still reported (``Stance.agreement``, ``Counterclaim.confidence``).
MIN_AGREEMENT = 0.0
#: The least confidence of a counterclaim (the weaker statement's score times the share of the proposition's
#: wordings that read it so): below 0.2 a counterclaim rests on one wording of four, or on a score near a coin flip.
#: Chosen on the development parts of benchmarks/contradictions (written, written_b, written_d), so their figures
#: flatter it: it keeps 7 of the 10 counterclaims on gold contradiction pairs, 4 of the 9 on compatible pairs and
#: 352 of the 565 on pairs without a gold label.
MIN_CONFIDENCE = 0.2
# Sides whose statements take stances but never counterclaim: the narrator opposes no one, unknown is unknown.
_NO_SIDE = frozenset({"narrator", None})


# ------------------------------------------------------------------------------------------ loading


def load_questions(path: str | PathLike[str] | None = None) -> tuple[Question, ...]:
    """The questions of a pack file (``.yaml``/``.yml``/``.json``); ``None`` reads the default pack.

    A pack without ``questions:`` has none (an empty tuple), which is not an error. The file is read as one
    :class:`~claimdiff.pack.Pack`, shared with the registry read from it.

    Raises:
        PackError: the file cannot be parsed or the pack is malformed.

    Example:
        >>> [q.id for q in load_questions()][:1]
        ['who_attacked']
    """
    return (Pack.default() if path is None else Pack.from_file(path)).questions


def questions_from(
    spec: str | Question | Iterable[str | Proposition | Question] | Mapping[str, str | Sequence[str]],
    *,
    template: str | None = None,
    question: str = "Your propositions",
    question_id: str = "user",
    exclusive: bool = False,
) -> tuple[Question, ...]:
    """Questions from whatever a user has at hand, so own propositions fit in one call.

    Strings become propositions of one question ``question_id``; a mapping maps each proposition to its
    paraphrases; :class:`Question` objects (``load_questions()``, ``ClaimDiff.questions``) pass through, so
    ``[*cd.questions, "A cease-fire was agreed."]`` adds to the pack's. ``template`` (with one ``{}``) turns
    labels into hypotheses, as in zero-shot classification.

    Raises:
        TypeError: an item that is not a str, Proposition or Question.
        ValueError: a bad template, or a question or proposition id used twice.

    Example:
        >>> qs = questions_from(["Armenia", "Azerbaijan"], template="{} started the fighting.",
        ...                     question="Who started the fighting?")
        >>> [(p.id, p.text) for p in qs[0].propositions][0]
        ('armenia_started_the_fighting', 'Armenia started the fighting.')
        >>> (q,) = questions_from({"Azerbaijan attacked Armenia.": ["Azerbaijan shelled Armenia."]})
        >>> q.propositions[0].paraphrases
        ('Azerbaijan shelled Armenia.',)
    """
    if template is not None and template.count("{}") != 1:
        raise ValueError(f"template must hold exactly one '{{}}' for the label, got {template!r}")
    fill = (lambda t: template.format(t.strip())) if template else (lambda t: t.strip())
    if isinstance(spec, (str, Question, Proposition)):
        spec = [spec]
    passed: list[Question] = []
    own: list[tuple[str, tuple[str, ...]]] = []
    if isinstance(spec, Mapping):
        for text, paraphrases in spec.items():
            paraphrases = [paraphrases] if isinstance(paraphrases, str) else list(paraphrases or ())
            own.append((fill(text), tuple(fill(x) for x in paraphrases)))
    else:
        for i, item in enumerate(spec):
            if isinstance(item, Question):
                passed.append(item)
            elif isinstance(item, Proposition):
                own.append((item.text, item.paraphrases))
            elif isinstance(item, str) and item.strip():
                own.append((fill(item), ()))
            else:
                raise TypeError(f"item {i} is a {type(item).__name__} ({item!r:.60}); pass non-empty strings, "
                                "Propositions or Questions, or a dict {proposition: [paraphrases]}.")
    taken = {p.id for q in passed for p in q.propositions}
    props = []
    for text, paraphrases in own:
        pid = _unique(_slug(text), taken)
        taken.add(pid)
        props.append(Proposition(pid, text, paraphrases))
    result = passed + ([Question(question_id, question, tuple(props), exclusive)] if props else [])
    _check_unique(result)
    return tuple(result)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:48].rstrip("_") or "p"


def _unique(name: str, taken: set[str]) -> str:
    if name not in taken:
        return name
    n = 2
    while f"{name}_{n}" in taken:
        n += 1
    return f"{name}_{n}"


def _check_unique(questions: Sequence[Question]) -> None:
    qids, pids = set(), set()
    for q in questions:
        if q.id in qids:
            raise ValueError(f"question id {q.id!r} occurs twice; give your question another question_id=")
        qids.add(q.id)
        for p in q.propositions:
            if p.id in pids:
                raise ValueError(f"proposition id {p.id!r} occurs twice; proposition ids must be unique")
            pids.add(p.id)


# ------------------------------------------------------------------------------------------ scoring


def score_stances(
    statements: Sequence[Statement],
    questions: Sequence[Question],
    nli: Any,
    embed: Callable[[Sequence[str]], np.ndarray],
    top_questions: int | None = 3,
    min_relevance: float = MIN_RELEVANCE,
    threshold: float = 0.5,
    batch_size: int = 32,
    show_progress_bar: bool | None = None,
    keep_neutral: bool = False,
    block_size: int = 1024,
    min_agreement: float = MIN_AGREEMENT,
    text_of: Callable[[Statement], str] | None = None,
) -> list[Stance]:
    """The stance of each statement on its most relevant propositions, polarity applied.

    Relevance is the cosine between the statement's content and the nearest wording of a proposition, and a
    question is as relevant as its most relevant proposition. Each statement is scored on every wording of
    every proposition of its ``top_questions`` most relevant questions at or above ``min_relevance`` (the
    alternatives of a question are scored together, so each side's answer to it can be read off), all in one
    ``nli.predict`` batch.

    For a proposition, the wording read most decisively gives the stance: *supports* when ``p_entailment >=
    threshold`` and beats ``p_contradiction``, *opposes* when ``p_contradiction >= threshold`` and is at least
    ``p_entailment``, else *neutral*; and a stance held by fewer than ``min_agreement`` of the wordings is
    neutral too (``Stance.agreement`` says how many agreed). A denial flips supports and opposes (Baku denying "Azerbaijan had invaded
    Armenia" opposes "Azerbaijan attacked Armenia").

    Args:
        statements: resolved statements; narrator and unresolved ones get stances too.
        questions: from :func:`load_questions` or :func:`questions_from`.
        nli: anything with ``predict(pairs, batch_size, show_progress_bar)`` → ``(n, 3)`` probabilities in
            entailment, neutral, contradiction order (:class:`~claimdiff.nli.NLIModel`).
        embed: texts → normalised embeddings (``SentenceEncoder.encode``).
        top_questions: questions scored per statement; ``None`` scores all (cost: statements × pack).
        min_relevance: questions less similar than this to a statement are not scored on it.
        keep_neutral: also return neutral stances (one per scored statement and proposition).
        min_agreement: the least share of a proposition's wordings that must agree for a stance.
        text_of: what the NLI model reads of a statement (usually ``registry.reading``); ``None``: its content.

    Returns:
        Stances in statement order, then question and proposition order.

    Example:
        >>> s = score_stances(statements, load_questions(), nli, encoder.encode, top_questions=1)  # doctest: +SKIP
        >>> [(x.statement_id, x.proposition_id, x.stance) for x in s][:1]  # doctest: +SKIP
        [('doc0:s007', 'az_attacked_am', 'supports')]
    """
    if top_questions is not None and top_questions < 1:
        raise ValueError(f"top_questions must be at least 1 (or None for all questions), got {top_questions}.")
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}.")
    eligible = [s for s in statements if s.content.text.strip()]
    props = [(q, p) for q in questions for p in q.propositions]
    if not eligible or not props:
        return []
    chosen = _relevant(eligible, props, embed, top_questions, min_relevance, block_size)
    text = text_of or (lambda st: st.content.text)
    pairs = [(text(eligible[i]), h) for i, k, _ in chosen for h in props[k][1].hypotheses]
    probs = nli.predict(pairs, batch_size, show_progress_bar) if pairs else np.zeros((0, 3))
    scored, row = [], 0
    for i, k, relevance in chosen:
        st, (q, p) = eligible[i], props[k]
        hypotheses = p.hypotheses
        block = np.asarray(probs[row : row + len(hypotheses)], dtype=np.float64)
        row += len(hypotheses)
        scored.append((q, _stance(block, hypotheses, threshold, st, q, p, relevance, min_agreement)))
    stances = [x for x in _apply_exclusive(scored) if keep_neutral or x.stance != "neutral"]
    logger.info("stances: %d statements x %d propositions, %d scored (%d NLI pairs), %d non-neutral",
                len(eligible), len(props), len(chosen), len(pairs), sum(s.stance != "neutral" for s in stances))
    return stances


def _apply_exclusive(scored: list[tuple[Question, Stance]]) -> list[Stance]:
    """Within an exclusive question, a statement's clear answer opposes the alternatives.

    The strongest support wins when it leads the next by ``EXCLUSIVE_MARGIN``; the other propositions of the
    question are then opposed (``implied_by`` the winner, with its score). Two supports closer than that are
    both dropped to neutral: the statement does not say which alternative it backs.
    """
    out: list[Stance] = []
    i = 0
    while i < len(scored):
        q, first = scored[i]
        j = i
        while j < len(scored) and scored[j][0] is q and scored[j][1].statement_id == first.statement_id:
            j += 1
        group = [x for _, x in scored[i:j]]
        i = j
        supports = sorted((x for x in group if x.stance == "supports"), key=lambda x: -x.score)
        if not q.exclusive or not supports:
            out.extend(group)
            continue
        winner = supports[0]
        if len(supports) > 1 and winner.score - supports[1].score < EXCLUSIVE_MARGIN:
            out.extend(dataclasses.replace(x, stance="neutral") if x.stance == "supports" else x for x in group)
            continue
        out.extend(x if x is winner or x.stance == "opposes" else
                   dataclasses.replace(x, stance="opposes", score=winner.score, implied_by=winner.proposition_id,
                                       agreement=winner.agreement)
                   for x in group)
    return out


def _relevant(eligible: list[Statement], props: list[tuple[Question, Proposition]],
              embed: Callable[[Sequence[str]], np.ndarray], top_questions: int | None, min_relevance: float,
              block_size: int) -> list[tuple[int, int, float]]:
    """(statement index, proposition index, relevance) to score, in statement then proposition order."""
    hypotheses = [h for _, p in props for h in p.hypotheses]
    starts = np.cumsum([0] + [len(p.hypotheses) for _, p in props[:-1]])
    # The propositions of one question sit side by side in ``props``: question i spans q_bounds[i]:q_bounds[i+1].
    q_bounds = [k for k in range(len(props)) if k == 0 or props[k][0] is not props[k - 1][0]] + [len(props)]
    vectors = np.asarray(embed([s.content.text for s in eligible]), dtype=np.float32)
    hyp_vectors = np.asarray(embed(hypotheses), dtype=np.float32)
    n_questions = len(q_bounds) - 1
    m = n_questions if top_questions is None else min(top_questions, n_questions)
    chosen = []
    for start in range(0, len(eligible), block_size):
        sims = vectors[start : start + block_size] @ hyp_vectors.T
        relevance = np.maximum.reduceat(sims, starts, axis=1)  # nearest wording of each proposition
        by_question = np.maximum.reduceat(relevance, q_bounds[:-1], axis=1)
        best = np.argsort(-by_question, axis=1, kind="stable")[:, :m]
        for offset, (rel, q_rel, top) in enumerate(zip(relevance, by_question, best)):
            for qi in sorted(int(qi) for qi in top if q_rel[qi] >= min_relevance):
                chosen.extend((start + offset, k, round(float(rel[k]), 4))
                              for k in range(q_bounds[qi], q_bounds[qi + 1]))
    return chosen


def _stance(block: np.ndarray, hypotheses: tuple[str, ...], threshold: float, st: Statement, q: Question,
            p: Proposition, relevance: float, min_agreement: float = MIN_AGREEMENT) -> Stance:
    ent, con = block[:, ENTAILMENT], block[:, CONTRADICTION]
    supports = (ent >= threshold) & (ent > con)
    opposes = (con >= threshold) & (con >= ent)
    # The most decisive wording wins; with none decisive, report the wording closest to entailment.
    decisive = np.where(supports, ent, np.where(opposes, con, -1.0))
    h = int(np.argmax(decisive)) if decisive.max() >= 0 else int(np.argmax(ent))
    if supports[h]:
        label, score, agreement = "supports", ent[h], supports.mean()
    elif opposes[h]:
        label, score, agreement = "opposes", con[h], opposes.mean()
    else:
        label, score, agreement = "neutral", max(ent[h], con[h]), 1.0 - (supports | opposes).mean()
    if label != "neutral" and agreement < min_agreement:
        # One wording of four read decisively is the model's whim more often than the statement's stance.
        label = "neutral"
    if st.polarity == "denies" and label != "neutral":
        label = "opposes" if label == "supports" else "supports"
    return Stance(st.id, q.id, p.id, label, round(float(score), 4), round(float(ent[h]), 4),
                  round(float(con[h]), 4), hypotheses[h], st.polarity, relevance, agreement=round(float(agreement), 4))


# ---------------------------------------------------------------------------------- counterclaims


def counterclaims(
    stances: Sequence[Stance],
    statements: Sequence[Statement],
    opposes: Callable[[str, str], bool],
    max_per_proposition: int | None = 50,
    local_offset: Callable[[Statement], int | None] | None = None,
    pack: Pack | None = None,
    text_of: Callable[[Statement], str] | None = None,
    min_confidence: float = MIN_CONFIDENCE,
) -> list[Counterclaim]:
    """Pairs of statements of opposing sides that take opposite stances on the same proposition.

    Narrator and unresolved statements have no side to oppose and are left out, and so are two statements
    about different clock times (the rule of :func:`claimdiff.judge.judge`: "shelling went on as of 6 p.m."
    and "a truce from 6 p.m. Moscow time" can both hold) or counting different sides' losses. On a big corpus
    the pairs of one proposition grow as supporters × opposers, so only the ``max_per_proposition`` strongest
    are kept, formed from each side's strongest statements.

    Args:
        stances: from :func:`score_stances` (neutral ones are ignored).
        statements: the statements the stances refer to.
        opposes: ``opposes(side_a, side_b)``, usually ``ActorRegistry.opposes``.
        max_per_proposition: ``None`` keeps every pair.
        local_offset: a statement's local UTC offset in minutes (``ActorRegistry.utc_offset_minutes`` of its
            side), to compare "local time" with zoned times.
        pack: the conflict's words for the time and number rules (``registry.pack``); ``None``: the default pack.
        text_of: what the time and number rules read of a statement, as in the judge (usually
            ``registry.reading``: "three of its servicemen" in what Yerevan says counts Armenia's losses);
            ``None``: its content as written.
        min_confidence: pairs whose confidence (:attr:`Counterclaim.confidence`) is below this are left out (their
            stances stay in the report).

    Returns:
        Counterclaims, strongest first, one per pair of claims (statements, when claims are not grouped):
        the strongest proposition stands for a pair; ``a`` is the earlier statement in input order.

    Example:
        >>> cc = counterclaims(stances, statements, registry.opposes)  # doctest: +SKIP
        >>> [(c.proposition_id, c.a.actor, c.stance_a, c.b.actor, c.stance_b) for c in cc][:1]  # doctest: +SKIP
        [('az_attacked_am', 'AM.MOD', 'supports', 'AZ.GOV', 'opposes')]
    """
    by_id = {s.id: (rank, s) for rank, s in enumerate(statements)}
    read = text_of or (lambda st: st.content.text)
    groups: dict[tuple[str, str], dict[str, dict[str, list[Stance]]]] = {}
    for x in stances:
        if x.stance == "neutral" or x.statement_id not in by_id:
            continue
        side = by_id[x.statement_id][1].side
        if side in _NO_SIDE:
            continue
        groups.setdefault((x.question_id, x.proposition_id), {"supports": {}, "opposes": {}}) \
            [x.stance].setdefault(side, []).append(x)
    found: list[Counterclaim] = []
    for (qid, pid), group in groups.items():
        pairs: list[Counterclaim] = []
        for side_s, sup in group["supports"].items():
            for side_o, opp in group["opposes"].items():
                if not (opposes(side_s, side_o) or opposes(side_o, side_s)):
                    continue
                for x in _strongest(sup, max_per_proposition):
                    for y in _strongest(opp, max_per_proposition):
                        a, b = by_id[x.statement_id][1], by_id[y.statement_id][1]
                        if _different_times(a, b, local_offset, pack, read):
                            continue
                        # Casualty figures of different sides' losses (the judge's rule).
                        if different_owners(*counted(a, read), *counted(b, read), pack):
                            continue
                        confidence = round(min(x.score * x.agreement, y.score * y.agreement), 4)
                        if confidence < min_confidence:
                            continue
                        x_, y_ = (y, x) if by_id[x.statement_id][0] > by_id[y.statement_id][0] else (x, y)
                        pairs.append(Counterclaim(qid, pid, by_id[x_.statement_id][1], by_id[y_.statement_id][1],
                                                  x_.stance, y_.stance, x_.score, y_.score, min(x.score, y.score),
                                                  confidence))
        pairs.sort(key=lambda c: (-c.score, by_id[c.a.id][0], by_id[c.b.id][0]))
        found.extend(pairs[:max_per_proposition] if max_per_proposition is not None else pairs)
    found.sort(key=lambda c: -c.score)
    # One counterclaim per pair of claims: the two sides of an exclusive question mirror each other ("A
    # attacked B" supported / opposed, "B attacked A" opposed / supported), and wire copies repeat a claim.
    seen: set[frozenset[str]] = set()
    once = []
    for c in found:
        key = claim_pair(c.a, c.b)
        if key not in seen:
            seen.add(key)
            once.append(c)
    logger.info("counterclaims: %d pairs of claims on %d propositions (%d before merging mirrored pairs and "
                "copies)", len(once), len({c.proposition_id for c in once}), len(found))
    return once


def _different_times(a: Statement, b: Statement, local_offset: Callable[[Statement], int | None] | None,
                     pack: Pack | None, read: Callable[[Statement], str]) -> bool:
    offsets = (local_offset(a), local_offset(b)) if local_offset else (None, None)
    return time_relation(read(a), read(b), *offsets, pack) == "different"


def _strongest(stances: list[Stance], limit: int | None) -> list[Stance]:
    ordered = sorted(stances, key=lambda s: -s.score)
    return ordered if limit is None else ordered[:limit]


# -------------------------------------------------------------------------------------- positions


def proposition_texts(questions: Sequence[Question]) -> dict[str, str]:
    """Each proposition's text by its id, over all ``questions``.

    Example:
        >>> proposition_texts([])
        {}
    """
    return {p.id: p.text for q in questions for p in q.propositions}


def positions(
    stances: Sequence[Stance],
    statements: Sequence[Statement],
    questions: Sequence[Question] = (),
) -> list[dict[str, Any]]:
    """Each side's position on each proposition: one row per question × proposition × side with a stance.

    A side's ``stance`` is a vote of its statements weighted by their stance scores (one stray statement does
    not overturn what a side's ministries say), ``mixed`` on a tie; ``consensus`` is the winning share of that
    weight (1.0: all agree) and ``score`` the strongest score behind the winning stance. ``supporting`` and
    ``opposing`` list the statement ids, strongest first. Neutral stances are left out; question and
    proposition texts come from ``questions`` when given.

    Example:
        >>> positions([], [])
        []
    """
    side_of = {s.id: s.side or "unknown" for s in statements}
    actor_of = {s.id: s.actor for s in statements}
    order = {(q.id, p.id): (i, j) for i, q in enumerate(questions) for j, p in enumerate(q.propositions)}
    q_text = {q.id: q.text for q in questions}
    p_text = proposition_texts(questions)
    groups: dict[tuple[str, str, str], list[Stance]] = {}
    for x in stances:
        if x.stance != "neutral":
            groups.setdefault((x.question_id, x.proposition_id, side_of.get(x.statement_id, "unknown")), []).append(x)
    first_seen: dict[tuple[str, str], int] = {}
    for n, key in enumerate(groups):
        first_seen.setdefault(key[:2], n)

    def sort_key(key: tuple[str, str, str]) -> tuple:
        # Pack order of questions and propositions; narrator and unknown after the sides that take part.
        return (*order.get(key[:2], (len(order), first_seen[key[:2]])), key[2] in ("narrator", "unknown"), key[2])

    rows = []
    for key in sorted(groups, key=sort_key):
        qid, pid, side = key
        ordered = sorted(groups[key], key=lambda s: -s.score)
        sup = [s for s in ordered if s.stance == "supports"]
        opp = [s for s in ordered if s.stance == "opposes"]
        w_sup, w_opp = sum(s.score for s in sup), sum(s.score for s in opp)
        if abs(w_sup - w_opp) < 1e-9:
            stance, winners = "mixed", ordered
        else:
            stance, winners = ("supports", sup) if w_sup > w_opp else ("opposes", opp)
        rows.append({
            "question_id": qid, "question": q_text.get(qid), "proposition_id": pid, "proposition": p_text.get(pid),
            "side": side, "stance": stance, "score": winners[0].score,
            "consensus": round(max(w_sup, w_opp) / (w_sup + w_opp), 4) if w_sup + w_opp > 0 else 0.0,
            "n_supports": len(sup), "n_opposes": len(opp),
            "supporting": [s.statement_id for s in sup], "opposing": [s.statement_id for s in opp],
            "actors": list(dict.fromkeys(a for a in (actor_of.get(s.statement_id) for s in ordered) if a)),
        })
    return rows
