"""Reader for PolNeAR (Newell, Margolin & Ruths, LREC 2018): gold attribution relations in brat standoff.

The corpus sits in ``DATA/attribution/PolNeAR`` (``DATA`` found like the NLI sets: ``--data``,
``$CLAIMDIFF_DATA`` or ``../shared/data``), with ``data/<split>/text/<article>.txt`` and one
``data/<split>/attributions/<article>_<annotator>.ann`` per annotator. Only ``train`` and ``dev`` are read:
the test split is kept apart for independent evaluation.

What is kept, and why:

* A relation is an ``E`` line (``Attribution:T4 Content:T3 Cue:T2 Source:T1``). It needs a cue and a content;
  relations without one (about 80 in train + dev, mostly bare ``Attribution-no-source`` anchors) are skipped
  and counted in the log. ``Source`` is optional (``Attribution-no-source`` relations have none).
* Spans of type ``Discuss`` / ``Discard`` (annotator notes, not attributions) are ignored, also when an
  ``E`` line points at one.
* The role in the ``E`` line decides what a span is (one or two spans are mistyped by the annotators).
  Numbered roles (``Content2``) add their fragments to the role: the relation has one content in two pieces.
* A brat span may be discontinuous (``Content 10 20;25 40``): it is kept as a tuple of ``(start, end)``
  fragments, sorted by start. Offsets are half-open character offsets into the ``.txt`` text.
* Several annotators: ``annotators="first"`` (default) keeps the first ``.ann`` in sorted file order, so
  each article counts once and the choice is reproducible; ``annotators="all"`` yields one
  :class:`GoldArticle` per ``.ann`` (the same text repeated, once per annotator), so multiply-annotated
  articles weigh more. An empty ``.ann`` gives an article with no relations (logged); a text without any
  ``.ann`` is skipped (logged).

Example:
    >>> articles = load_polnear("dev")  # doctest: +SKIP
    >>> art = articles[0]  # doctest: +SKIP
    >>> rel = art.relations[0]  # doctest: +SKIP
    >>> art.text[rel.cue[0][0]:rel.cue[0][1]]  # doctest: +SKIP
    'reports'
"""

from __future__ import annotations

import logging
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from claimdiff.evaluation.data import resolve_data_dir

__all__ = ["ANNOTATOR_POLICIES", "SPLITS", "GoldArticle", "GoldRelation", "load_polnear", "parse_ann",
           "polnear_dir"]

logger = logging.getLogger(__name__)

SPLITS: tuple[str, ...] = ("train", "dev")
ANNOTATOR_POLICIES: tuple[str, ...] = ("first", "all")
IGNORED_TYPES: frozenset[str] = frozenset({"Discuss", "Discard"})

Fragments = tuple[tuple[int, int], ...]

_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")


@dataclass(frozen=True)
class GoldRelation:
    """One gold attribution: each part is a tuple of half-open ``(start, end)`` fragments (usually one)."""

    source: Fragments | None
    cue: Fragments
    content: Fragments


@dataclass(frozen=True)
class GoldArticle:
    """One article with the relations of one annotator (``annotator`` is the id from the file name)."""

    id: str
    text: str
    relations: tuple[GoldRelation, ...]
    annotator: str


def polnear_dir(data_dir: str | os.PathLike | None = None) -> Path:
    """The PolNeAR folder: ``DATA/attribution/PolNeAR``, or ``data_dir`` itself when it is that folder."""
    given = Path(data_dir) if data_dir is not None else None
    if given is not None and (given / "data" / "dev" / "text").is_dir():
        return given
    folder = resolve_data_dir(data_dir) / "attribution" / "PolNeAR"
    if not folder.is_dir():
        raise FileNotFoundError(f"No PolNeAR folder at {folder}. Pass --data DIR (or set $CLAIMDIFF_DATA) to a "
                                "folder holding attribution/PolNeAR/data/{train,dev}/{text,attributions}/.")
    return folder


def parse_ann(ann: str) -> tuple[GoldRelation, ...]:
    """Parse the text of one brat ``.ann`` file into relations, in ``E`` line order.

    Example:
        >>> ann = "T1\\tSource 0 3\\tBob\\nT2\\tCue 4 8\\tsaid\\nT3\\tContent 9 11;14 16\\thi yo\\n" \\
        ...       "E1\\tAttribution:T2 Source:T1 Cue:T2 Content:T3\\n"
        >>> parse_ann(ann)
        (GoldRelation(source=((0, 3),), cue=((4, 8),), content=((9, 11), (14, 16))),)
    """
    spans: dict[str, tuple[str, Fragments]] = {}
    events: list[str] = []
    for line in ann.splitlines():  # lines not starting with T<n>/E<n> are notes or wrapped span text
        if m := _T_LINE.match(line):
            frags = tuple(sorted(tuple(int(x) for x in f.split()) for f in m.group(3).split(";")))
            spans[m.group(1)] = (m.group(2), frags)  # type: ignore[assignment]
        elif m := _E_LINE.match(line):
            events.append(m.group(2))
    relations, skipped = [], 0
    for event in events:
        roles: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for arg in event.split():
            role, _, ref = arg.partition(":")
            role = role.rstrip("0123456789")
            if ref in spans and spans[ref][0] not in IGNORED_TYPES and role in ("Source", "Cue", "Content"):
                roles[role].extend(spans[ref][1])
        if not roles["Cue"] or not roles["Content"]:
            skipped += 1
            continue
        relations.append(GoldRelation(source=tuple(sorted(roles["Source"])) or None,
                                      cue=tuple(sorted(roles["Cue"])), content=tuple(sorted(roles["Content"]))))
    if skipped:
        logger.debug("skipped %d relation(s) without a cue or a content", skipped)
    return tuple(relations)


def load_polnear(split: str = "dev", data_dir: str | os.PathLike | None = None,
                 annotators: str = "first") -> list[GoldArticle]:
    """Read one PolNeAR split as :class:`GoldArticle` records, sorted by article id (see the module docstring).

    Example:
        >>> arts = load_polnear("dev", "../shared/data")  # doctest: +SKIP
        >>> len(arts), sum(len(a.relations) for a in arts)  # doctest: +SKIP
        (84, 2100)
    """
    if split not in SPLITS:
        raise ValueError(f"Unknown PolNeAR split {split!r}; choose from {SPLITS} (the test split is kept apart).")
    if annotators not in ANNOTATOR_POLICIES:
        raise ValueError(f"Unknown annotator policy {annotators!r}; choose from {ANNOTATOR_POLICIES}.")
    base = polnear_dir(data_dir) / "data" / split
    anns: dict[str, list[Path]] = defaultdict(list)
    for path in sorted((base / "attributions").glob("*.ann")):
        article, _, _annotator = path.stem.rpartition("_")
        anns[article].append(path)
    articles: list[GoldArticle] = []
    for text_path in sorted((base / "text").glob("*.txt")):
        paths = anns.pop(text_path.stem, [])
        if not paths:
            logger.warning("PolNeAR %s: %s has no .ann file; skipped", split, text_path.name)
            continue
        text = text_path.read_bytes().decode("utf-8")  # no newline translation: offsets count every char
        for path in paths if annotators == "all" else paths[:1]:
            ann = path.read_text(encoding="utf-8")
            relations = parse_ann(ann)
            if not relations:
                logger.info("PolNeAR %s: %s holds no relations%s", split, path.name,
                            " (empty .ann)" if not ann.strip() else "")
            articles.append(GoldArticle(text_path.stem, text, relations, path.stem.rpartition("_")[2]))
    for article in anns:
        logger.warning("PolNeAR %s: annotations for %s have no text; skipped", split, article)
    logger.info("PolNeAR %s: %d articles, %d relations (annotators=%s)", split, len(articles),
                sum(len(a.relations) for a in articles), annotators)
    return articles
