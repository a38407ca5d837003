"""Score any attribution extractor against PolNeAR's gold source / cue / content spans, as prefixed metrics.

An extractor is a function ``extract_fn(text, doc_id) -> list[Statement]`` (default
:func:`claimdiff.attribution.rules.segment`); narrator statements (the journalist's own voice) are ignored, and a
statement's ``speaker`` is scored as the source. The gold comes from :func:`claimdiff.evaluation.polnear.load_polnear`.

Span scores, per type (``source``, ``cue``, ``content``), over the distinct spans of each article (gold spans
are those of the relations :mod:`claimdiff.evaluation.polnear` keeps):

* **exact**: a span matches when its start and end equal those of a span of the same type on the other side.
  A discontinuous gold span is compared by its covering ``(first start, last end)``. Precision is the share
  of predicted spans with an exact gold match, recall the share of gold spans with an exact predicted match.
* **overlap**: token-level, as in Citron (BBC R&D, ``citron/metrics.py``): precision is the number of
  predicted tokens that lie inside some gold span of the same type over the number of predicted tokens;
  recall is the number of gold tokens inside some predicted span over the number of gold tokens. Tokens are
  summed over all spans and articles (micro average), so long contents weigh more than short cues. A token
  is a word (``\\w+``) or a single punctuation mark of the article text; a span holds every token it touches;
  a discontinuous gold span holds only the tokens of its fragments.

Relation scores: a predicted statement matches a gold relation when their cues share a token, their
contents share a token and, when both have a source, their sources share a token. Precision is the share of
predicted statements that match some gold relation, recall the share of gold relations matched by some
statement (no one-to-one assignment, as in Citron). ``attribution/relation/exact/*`` asks the same with
exact spans (covering start/end) instead of a shared token.

F1 is the harmonic mean of precision and recall (0 when both are 0).

Articles annotated by several people are scored against the first annotation by default
(``annotators="first"``; ``"all"`` scores against each). :func:`annotator_agreement` scores the annotators of
those articles against each other, the ceiling any extractor's figures should be read against. Example:

    >>> metrics = evaluate_attribution(split="dev", data_dir="../shared/data", limit=5)  # doctest: +SKIP
    >>> round(metrics["attribution/cue/exact/f1"], 2)  # doctest: +SKIP
    0.4
"""

from __future__ import annotations

import bisect
import logging
import os
import re
import time
from collections.abc import Callable, Sequence
from typing import Any

from claimdiff.evaluation.polnear import Fragments, GoldArticle, load_polnear, polnear_dir
from claimdiff.records import Span, Statement

__all__ = ["PARTS", "annotator_agreement", "evaluate_attribution", "score_articles"]

logger = logging.getLogger(__name__)

PARTS: tuple[str, ...] = ("source", "cue", "content")
ExtractFn = Callable[[str, str], Sequence[Statement]]

_TOKEN = re.compile(r"\w+|[^\w\s]")


class _Tokens:
    """The tokens of one article, to turn character fragments into sets of token indices."""

    def __init__(self, text: str) -> None:
        found = [m.span() for m in _TOKEN.finditer(text)]
        self.starts = [s for s, _ in found]
        self.ends = [e for _, e in found]

    def of(self, fragments: Fragments | None) -> frozenset[int]:
        out: set[int] = set()
        for start, end in fragments or ():
            # tokens that touch [start, end): ending after start and starting before end
            out.update(range(bisect.bisect_right(self.ends, start), bisect.bisect_left(self.starts, end)))
        return frozenset(out)


def _frags(span: Span | None) -> Fragments | None:
    return ((span.start, span.end),) if span is not None else None


def _cover(fragments: Fragments | None) -> tuple[int, int] | None:
    return (min(s for s, _ in fragments), max(e for _, e in fragments)) if fragments else None


def _prf(tp_pred: float, n_pred: float, tp_gold: float, n_gold: float, prefix: str) -> dict[str, float]:
    precision = tp_pred / n_pred if n_pred else 0.0
    recall = tp_gold / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {f"{prefix}/precision": precision, f"{prefix}/recall": recall, f"{prefix}/f1": f1}


def _relation_match(p: dict[str, Any], g: dict[str, Any], same: Callable[[Any, Any], bool]) -> bool:
    return (same(p["cue"], g["cue"]) and same(p["content"], g["content"])
            and (p["source"] is None or g["source"] is None or same(p["source"], g["source"])))


def score_articles(articles: Sequence[GoldArticle], predictions: Sequence[Sequence[Statement]]) -> dict[str, float]:
    """Span and relation P/R/F1 of ``predictions[i]`` against ``articles[i]`` (keys ``attribution/...``).

    Example:
        >>> from claimdiff.evaluation.polnear import GoldArticle, GoldRelation
        >>> text = "Bob said it rains."
        >>> gold = GoldArticle("a", text, (GoldRelation(((0, 3),), ((4, 8),), ((9, 17),)),), "x")
        >>> pred = Statement("a:s1", "a", "indirect", Span.of(text, 9, 17), Span.of(text, 0, 3), Span.of(text, 4, 8))
        >>> score_articles([gold], [[pred]])["attribution/relation/f1"]
        1.0
    """
    if len(articles) != len(predictions):
        raise ValueError(f"Got {len(articles)} articles but {len(predictions)} prediction lists; give one per article.")
    return _score(articles, [[{"source": _frags(s.speaker), "cue": _frags(s.cue), "content": _frags(s.content)}
                              for s in statements if s.kind != "narrator"] for statements in predictions])


def _rows(article: GoldArticle) -> list[dict[str, Fragments | None]]:
    return [{"source": r.source, "cue": r.cue, "content": r.content} for r in article.relations]


def _score(articles: Sequence[GoldArticle], predictions: Sequence[Sequence[dict[str, Fragments | None]]]
           ) -> dict[str, float]:
    """The metrics of :func:`score_articles`, for predictions given as fragments (gold relations score as is)."""
    counts: dict[str, float] = {}

    def add(key: str, value: float) -> None:
        counts[key] = counts.get(key, 0.0) + value

    for article, preds in zip(articles, predictions):
        tokens = _Tokens(article.text)
        golds = _rows(article)
        for part in PARTS:
            pred_spans = {p[part] for p in preds if p[part]}
            gold_spans = {g[part] for g in golds if g[part]}
            pred_cover, gold_cover = {_cover(f) for f in pred_spans}, {_cover(f) for f in gold_spans}
            add(f"{part}/exact/tp_pred", sum(_cover(f) in gold_cover for f in pred_spans))
            add(f"{part}/exact/tp_gold", sum(_cover(f) in pred_cover for f in gold_spans))
            add(f"{part}/exact/n_pred", len(pred_spans))
            add(f"{part}/exact/n_gold", len(gold_spans))
            pred_tok = [tokens.of(f) for f in pred_spans]
            gold_tok = [tokens.of(f) for f in gold_spans]
            all_pred, all_gold = frozenset().union(*pred_tok), frozenset().union(*gold_tok)
            add(f"{part}/overlap/tp_pred", sum(len(t & all_gold) for t in pred_tok))
            add(f"{part}/overlap/tp_gold", sum(len(t & all_pred) for t in gold_tok))
            add(f"{part}/overlap/n_pred", sum(len(t) for t in pred_tok))
            add(f"{part}/overlap/n_gold", sum(len(t) for t in gold_tok))
        as_tokens = [{k: tokens.of(v) if v else None for k, v in x.items()} for x in preds + golds]
        as_cover = [{k: _cover(v) for k, v in x.items()} for x in preds + golds]
        for name, rows, same in (("relation", as_tokens, lambda a, b: bool(a and b and a & b)),
                                 ("relation/exact", as_cover, lambda a, b: a is not None and a == b)):
            p_rows, g_rows = rows[:len(preds)], rows[len(preds):]
            add(f"{name}/tp_pred", sum(any(_relation_match(p, g, same) for g in g_rows) for p in p_rows))
            add(f"{name}/tp_gold", sum(any(_relation_match(p, g, same) for p in p_rows) for g in g_rows))
            add(f"{name}/n_pred", len(p_rows))
            add(f"{name}/n_gold", len(g_rows))

    metrics: dict[str, float] = {}
    for name in [f"{part}/{how}" for part in PARTS for how in ("exact", "overlap")] + ["relation", "relation/exact"]:
        c = [counts.get(f"{name}/{k}", 0.0) for k in ("tp_pred", "n_pred", "tp_gold", "n_gold")]
        metrics.update(_prf(*c, prefix=f"attribution/{name}"))
    return metrics


def _name(fn: Callable[..., Any]) -> str:
    fn = getattr(fn, "func", fn)  # a functools.partial from claimdiff.attribution.EXTRACTORS names its function
    return f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', type(fn).__name__)}"


def evaluate_attribution(extract_fn: ExtractFn | None = None, split: str = "dev",
                         data_dir: str | os.PathLike | None = None, limit: int | None = None,
                         annotators: str = "first") -> dict[str, Any]:
    """Run ``extract_fn`` on each PolNeAR article of ``split`` and score it (see the module docstring).

    The result also records the split, annotator policy, extractor, counts and extraction speed
    (``articles_per_s`` times the extractor only, not loading or scoring).
    """
    if extract_fn is None:
        from claimdiff.attribution.rules import segment as extract_fn
    articles = load_polnear(split, data_dir, annotators)[:limit]
    start = time.perf_counter()
    predictions = [list(extract_fn(a.text, a.id)) for a in articles]
    elapsed = time.perf_counter() - start
    result: dict[str, Any] = {
        "split": split, "annotators": annotators, "data_dir": str(polnear_dir(data_dir)),
        "extractor": _name(extract_fn), "articles": len(articles),
        "gold_relations": sum(len(a.relations) for a in articles),
        "predicted": sum(s.kind != "narrator" for p in predictions for s in p),
        "articles_per_s": len(articles) / elapsed if elapsed else 0.0,
    }
    result.update(score_articles(articles, predictions))
    logger.info("PolNeAR %s: relation F1 %.4f over %d articles (%d gold, %d predicted)", split,
                result["attribution/relation/f1"], len(articles), result["gold_relations"], result["predicted"])
    return result


def annotator_agreement(extract_fn: ExtractFn | None = None, split: str = "dev",
                        data_dir: str | os.PathLike | None = None) -> dict[str, Any]:
    """How far PolNeAR's annotators agree with each other, and the extractor with each of them, on the same texts.

    Only articles annotated more than once count. ``annotators/attribution/...`` scores every annotation
    against every other one of its article (each ordered pair once, so precision and recall swap and F1 is
    symmetric); ``extractor/attribution/...`` scores ``extract_fn`` (if given) against each annotation of those
    articles. Both use the metrics of :func:`score_articles`, so the extractor's figures can be read against the
    human ceiling. An annotator's discontinuous spans are scored by their fragments, as gold spans are.

    Example:
        >>> agreement = annotator_agreement(split="train", data_dir="../shared/data")  # doctest: +SKIP
        >>> round(agreement["annotators/attribution/cue/overlap/f1"], 2)  # doctest: +SKIP
        0.69
    """
    by_article: dict[str, list[GoldArticle]] = {}
    for article in load_polnear(split, data_dir, annotators="all"):
        by_article.setdefault(article.id, []).append(article)
    shared = [versions for versions in by_article.values() if len(versions) > 1]
    if not shared:
        raise ValueError(f"No PolNeAR {split} article has more than one annotation, so there is no agreement to "
                         "measure.")
    pairs = [(gold, other) for versions in shared for gold in versions for other in versions if other is not gold]
    result: dict[str, Any] = {"split": split, "data_dir": str(polnear_dir(data_dir)), "articles": len(shared),
                              "annotations": sum(len(v) for v in shared), "annotator_pairs": len(pairs)}
    scores = _score([gold for gold, _ in pairs], [_rows(other) for _, other in pairs])
    result.update({f"annotators/{k}": v for k, v in scores.items()})
    if extract_fn is not None:
        result["extractor"] = _name(extract_fn)
        predictions = {versions[0].id: list(extract_fn(versions[0].text, versions[0].id)) for versions in shared}
        golds = [gold for versions in shared for gold in versions]
        scores = score_articles(golds, [predictions[gold.id] for gold in golds])
        result.update({f"extractor/{k}": v for k, v in scores.items()})
    logger.info("PolNeAR %s: %d articles with %d annotations; annotators agree on cues at overlap F1 %.4f", split,
                result["articles"], result["annotations"], result["annotators/attribution/cue/overlap/f1"])
    return result
