"""A learned attribution tagger: BIO token tagging of source / cue / content spans, grouped into statements.

The model is a transformers token-classification model (shipped: ``models/claimdiff-attribution-minilm-l6``,
fine-tuned from all-MiniLM-L6-v2 on PolNeAR train by ``scripts/train_tagger.py``). Labels are ``O`` and
``B-``/``I-`` of ``SOURCE``, ``CUE`` and ``CONTENT``; where gold spans overlap, CUE beats SOURCE beats CONTENT.

Reading a text: the whole text is tokenized once (fast tokenizer, with offsets), cut into windows of
``max_length`` tokens that overlap by ``stride`` tokens, and each token takes its label from the window in
which it is most central. Runs of one type become spans (edges widened to whole words). Spans become
statements around each cue: the nearest content (in the same sentence if there is one, else the previous or
next one), plus a second content piece on the other side when only the source lies between ("A," he said,
"B."), and the nearest source of the cue's sentence. A content that no cue takes becomes a statement with
``cue=None`` when ``orphans=True``.

:mod:`claimdiff.attribution.extractors` merges these statements with those of the rules
(:func:`claimdiff.attribution.rules.segment`).

Example:
    >>> tagger = AttributionTagger.from_pretrained()  # doctest: +SKIP
    >>> [(s.speaker.text, s.cue.text, s.content.text) for s in tagger.extract("Bob said it rains.", "d")]  # doctest: +SKIP
    [('Bob', 'said', 'it rains')]
"""

from __future__ import annotations

import bisect
import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from claimdiff.nli import cpu_has_bf16, quiet_loading
from claimdiff.records import Span, Statement

__all__ = ["DEFAULT_TAGGER_MODEL", "LABELS", "TYPES", "AttributionTagger", "TaggerLoadError", "combined",
           "decode", "default_tagger_path", "group", "learned", "merge", "rules_first", "shared_tagger",
           "token_labels", "windows"]

logger = logging.getLogger(__name__)

DEFAULT_TAGGER_MODEL = "claimdiff-attribution-minilm-l6"
# bf16 autocast only where the CPU computes bf16 natively; elsewhere it is slower than fp32.
_NATIVE_BF16 = cpu_has_bf16()
TYPES: tuple[str, ...] = ("SOURCE", "CUE", "CONTENT")
LABELS: tuple[str, ...] = ("O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT")
PRIORITY: tuple[str, ...] = ("CONTENT", "SOURCE", "CUE")  # later types overwrite earlier ones
DENY_WORDS = frozenset({"denied", "denies", "deny", "rejected", "rejects", "reject", "dismissed", "dismisses",
                        "refuted", "refutes", "disputed", "disputes"})

Pos = tuple[int, int]
TypedSpan = tuple[str, int, int]

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n\s*")
_QUOTES = "\"“”'‘’"


class TaggerLoadError(ValueError):
    """A missing or unusable tagger model folder; the message says what to do instead."""


def default_tagger_path() -> Path:
    from claimdiff.nli import shipped_model_path

    return shipped_model_path(DEFAULT_TAGGER_MODEL, "The attribution tagger", "scripts/train_tagger.py",
                              TaggerLoadError)


# ------------------------------------------------------------------------------------------------------------
# Tokens, windows, labels
# ------------------------------------------------------------------------------------------------------------


def windows(n_tokens: int, size: int, stride: int) -> list[Pos]:
    """Half-open token ranges of at most ``size`` tokens, consecutive ones overlapping by ``stride``.

    Example:
        >>> windows(10, 4, 1)
        [(0, 4), (3, 7), (6, 10)]
    """
    if size <= stride:
        raise ValueError(f"window size {size} must exceed the overlap {stride}")
    if n_tokens <= size:
        return [(0, n_tokens)]
    out, start = [], 0
    while True:
        end = min(start + size, n_tokens)
        out.append((start, end))
        if end == n_tokens:
            return out
        start = end - stride


def central_window(ranges: Sequence[Pos], n_tokens: int) -> np.ndarray:
    """For each token, the index of the window in which it lies farthest from an edge."""
    best = np.full(n_tokens, -1, dtype=np.int64)
    score = np.full(n_tokens, -1, dtype=np.int64)
    for w, (start, end) in enumerate(ranges):
        idx = np.arange(start, end)
        margin = np.minimum(idx - start, end - 1 - idx)
        better = margin > score[start:end]
        best[start:end][better] = w
        score[start:end][better] = margin[better]
    return best


def token_labels(offsets: Sequence[Pos], spans: Sequence[tuple[str, Sequence[Pos]]]) -> list[int]:
    """BIO label ids (index into :data:`LABELS`) of tokens with char ``offsets``, from typed fragment lists.

    A token belongs to a fragment when their characters overlap; the first token of each fragment is ``B-``.
    Where types overlap, the later one in :data:`PRIORITY` wins.

    Example:
        >>> [LABELS[i] for i in token_labels([(0, 3), (4, 8), (9, 11)], [("CONTENT", [(9, 11)]), ("CUE", [(4, 8)])])]
        ['O', 'B-CUE', 'B-CONTENT']
    """
    labels = [0] * len(offsets)
    starts = [s for s, _ in offsets]
    ends = [e for _, e in offsets]
    for kind in PRIORITY:
        b, i = LABELS.index(f"B-{kind}"), LABELS.index(f"I-{kind}")
        for typ, fragments in spans:
            if typ != kind:
                continue
            for fs, fe in fragments:
                lo, hi = bisect.bisect_right(ends, fs), bisect.bisect_left(starts, fe)
                for t in range(lo, hi):
                    if ends[t] > starts[t]:
                        labels[t] = b if t == lo else i
    return labels


def decode(text: str, offsets: Sequence[Pos], label_ids: Sequence[int]) -> list[TypedSpan]:
    """Runs of one type as ``(type, start, end)`` char spans, widened to whole words; ``I-`` after another
    type starts a span too.

    Example:
        >>> decode("Bob said it rains.", [(0, 3), (4, 8), (9, 11), (12, 17)], [1, 3, 5, 6])
        [('SOURCE', 0, 3), ('CUE', 4, 8), ('CONTENT', 9, 17)]
    """
    out: list[list[Any]] = []
    prev = None
    for (start, end), lab in zip(offsets, label_ids):
        if end <= start:
            continue
        name = LABELS[lab]
        if name == "O":
            prev = None
            continue
        bio, typ = name.split("-", 1)
        if bio == "I" and prev == typ and out:
            out[-1][2] = end
        else:
            out.append([typ, start, end])
        prev = typ
    spans: list[TypedSpan] = []
    for typ, start, end in out:
        while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
            start -= 1
        while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
            end += 1
        if spans and spans[-1][0] == typ and spans[-1][2] >= start:  # widening made two runs touch
            spans[-1] = (typ, spans[-1][1], max(end, spans[-1][2]))
        else:
            spans.append((typ, start, end))
    return spans


# ------------------------------------------------------------------------------------------------------------
# Grouping spans into statements
# ------------------------------------------------------------------------------------------------------------


def _sentence_ids(text: str) -> tuple[list[int], int]:
    """Sentence start offsets (sorted) of a rough splitter: ``[.!?]`` + space + capital, or a line break."""
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)], len(text)


def _gap(a: Pos, b: Pos) -> int:
    return max(b[0] - a[1], a[0] - b[1], 0)


# "acknowledged that two of its soldiers had been wounded": the tagger's content may keep the complementiser, which is
# no part of what was said ("that statement" is, and stays).
_THAT_CLAUSE = re.compile(r"that\s+(?=[\"“‘'(]|[A-Z0-9]|(?:the|a|an|its|his|her|their|our|no|not|there|it|he|she"
                          r"|they|we|some|any|all|only|both|neither|none|several|many|most|one|two|three|four|five|six"
                          r"|seven|eight|nine|ten|this|these|those)\b)")


def _kind(text: str, cue: Pos | None, content: Pos) -> str:
    if cue is not None and text[cue[0]:cue[1]].lower().startswith("according"):
        return "according_to"
    before = text[max(content[0] - 2, 0):content[0] + 1]
    after = text[max(content[1] - 1, 0):content[1] + 2]
    return "direct" if any(q in before for q in _QUOTES) and any(q in after for q in _QUOTES) else "indirect"


def _only_between(text: str, a: Pos, b: Pos, allowed: Sequence[Pos], max_words: int = 3) -> bool:
    """True when between a and b lie at most ``max_words`` words outside the ``allowed`` spans."""
    lo, hi = min(a[1], b[1]), max(a[0], b[0])
    if lo >= hi:
        return True
    chars = list(text[lo:hi])
    for s, e in allowed:
        for k in range(max(s, lo), min(e, hi)):
            chars[k - lo] = " "
    return len(re.findall(r"\w+", "".join(chars))) <= max_words


_ARTICLES = frozenset({"a", "an", "the"})
# The words between an article the tagger took for a source and the cue after it: its noun ("The [parties] gave").
_NOUN_GAP = re.compile(r"\s+(?P<noun>[\w'\u2019-]+(?:\s+[\w'\u2019-]+){0,3})\s+")


def _whole_source(text: str, source: Pos | None, cue: Pos | None) -> Pos | None:
    """A source the tagger cut to its article ("The" of "The parties gave conflicting accounts") is read on to the
    cue right after it; an article alone with no such words ("a" of "a Russian-brokered ceasefire") is no source."""
    if source is None or text[source[0]:source[1]].lower() not in _ARTICLES:
        return source
    gap = _NOUN_GAP.fullmatch(text, source[1], cue[0]) if cue is not None and source[1] <= cue[0] else None
    return (source[0], gap.end("noun")) if gap else None


def group(text: str, spans: Sequence[TypedSpan], doc_id: str = "doc", orphans: bool = False,
          confidences: dict[TypedSpan, float] | None = None) -> list[Statement]:
    """Statements from typed spans: each cue with its nearest content and source (see the module docstring).

    Example:
        >>> text = "Bob said it rains."
        >>> [(s.speaker.text, s.cue.text, s.content.text) for s in group(text, decode(text,
        ...     [(0, 3), (4, 8), (9, 11), (12, 17)], [1, 3, 5, 6]))]
        [('Bob', 'said', 'it rains')]
    """
    starts, _ = _sentence_ids(text)
    sent = lambda pos: bisect.bisect_right(starts, pos) - 1  # noqa: E731
    cues = [(s, e) for t, s, e in spans if t == "CUE"]
    sources = [(s, e) for t, s, e in spans if t == "SOURCE"]
    contents = [(s, e) for t, s, e in spans if t == "CONTENT"]

    def cost(cue: Pos, other: Pos) -> float:
        # Same sentence first (the content may start the cue's sentence or end the previous one), then distance.
        crossings = abs(sent(other[0] if other[0] > cue[0] else max(other[1] - 1, other[0])) - sent(cue[0]))
        return crossings * 10_000 + _gap(cue, other)

    # Each content goes to its cheapest cue; a cue with none borrows its cheapest content.
    taken: dict[int, list[int]] = {c: [] for c in range(len(cues))}
    orphan: list[int] = []
    for k, content in enumerate(contents):
        if not cues:
            orphan.append(k)
            continue
        best = min(range(len(cues)), key=lambda c: cost(cues[c], content))
        if cost(cues[best], content) >= 20_000:  # more than a sentence away
            orphan.append(k)
        else:
            taken[best].append(k)
    raws: list[tuple[Pos | None, Pos | None, Pos]] = []
    for c, cue in enumerate(cues):
        mine = sorted(taken[c], key=lambda k: cost(cue, contents[k]))
        if not mine:
            if not contents:
                continue
            mine = [min(range(len(contents)), key=lambda k: cost(cue, contents[k]))]
            if cost(cue, contents[mine[0]]) >= 20_000:
                continue
        first = contents[mine[0]]
        src_cands = [s for s in sources if sent(s[0]) == sent(cue[0]) or _gap(s, cue) <= 2]
        source = _whole_source(text, min(src_cands, key=lambda s: _gap(s, cue), default=None), cue)
        region = [cue] + ([source] if source else [])
        content = first
        for k in mine[1:]:
            other = contents[k]
            side_first = first[0] < cue[0]
            if (other[0] < cue[0]) != side_first and _only_between(text, first, other, region):
                content = (min(first[0], other[0]), max(first[1], other[1]))  # "A," he said, "B."
            else:
                orphan.append(k)
        raws.append((source, cue, content))
    if orphans:
        for k in orphan:
            content = contents[k]
            src_cands = [s for s in sources if _gap(s, content) <= 2]
            raws.append((_whole_source(text, min(src_cands, key=lambda s: _gap(s, content), default=None), None),
                         None, content))
    raws.sort(key=lambda r: min(p[0] for p in r if p is not None))
    out = []
    for n, (source, cue, content) in enumerate(raws, start=1):
        if (that := _THAT_CLAUSE.match(text, content[0], content[1])) is not None:
            content = (that.end(), content[1])
        cue_text = text[cue[0]:cue[1]].lower() if cue else ""
        conf = [confidences.get((t, *p), 1.0) for t, p in (("CUE", cue), ("CONTENT", content)) if p] \
            if confidences else [1.0]
        out.append(Statement(
            id=f"{doc_id}:t{n:03d}", doc_id=doc_id, kind=_kind(text, cue, content),  # type: ignore[arg-type]
            content=Span.of(text, *content), speaker=Span.of(text, *source) if source else None,
            cue=Span.of(text, *cue) if cue else None,
            polarity="denies" if any(w in DENY_WORDS for w in re.findall(r"\w+", cue_text)) else "asserts",
            confidence=round(float(min(conf)), 4)))
    return out


# ------------------------------------------------------------------------------------------------------------
# The model
# ------------------------------------------------------------------------------------------------------------


@dataclass
class AttributionTagger:
    """A token-classification model and its tokenizer, read over whole texts in overlapping windows."""

    model: Any
    tokenizer: Any
    max_length: int = 256
    stride: int = 64
    batch_size: int = 16
    orphans: bool = False

    @classmethod
    def from_pretrained(cls, path: str | os.PathLike | None = None, device: str | None = None,
                        precision: str | None = None, **kwargs: Any) -> AttributionTagger:
        """Load a tagger folder (default: the shipped one under :func:`claimdiff.nli.models_dir`).

        ``precision``: ``"bf16"`` (default on CPUs with native bf16, :func:`claimdiff.nli.cpu_has_bf16`: weights
        cast to bf16, half the memory, as fast as fp32 weights under bf16 autocast on idle cores and 2.4x
        faster on busy ones, 99.86% of tokens labelled the same, ``benchmarks/bench_attribution.py``) or
        ``"fp32"`` (default elsewhere; on a CPU with native bf16 it runs under bf16 autocast).
        """
        from transformers import AutoModelForTokenClassification, AutoTokenizer

        folder = Path(path) if path is not None else default_tagger_path()
        if not (folder / "config.json").is_file():
            raise TaggerLoadError(f"No tagger model at {folder}: no config.json there. Pass the folder written by "
                                  "scripts/train_tagger.py (OUT/final) or leave path out for the shipped model.")
        with quiet_loading():
            model = AutoModelForTokenClassification.from_pretrained(folder, dtype=torch.float32,
                                                                    use_safetensors=True)
        names = [str(model.config.id2label[i]) for i in range(model.config.num_labels)]
        if names != list(LABELS):
            raise TaggerLoadError(f"{folder} is not an attribution tagger: its labels are {names}, "
                                  f"expected {list(LABELS)}.")
        chosen = torch.device(device or "cpu")
        precision = precision or ("bf16" if chosen.type == "cpu" and _NATIVE_BF16 else "fp32")
        if precision not in ("bf16", "fp32"):
            raise ValueError(f"precision must be 'bf16' or 'fp32', got {precision!r}.")
        model.to(device=chosen, dtype=torch.bfloat16 if precision == "bf16" else torch.float32).eval()
        tokenizer = AutoTokenizer.from_pretrained(folder)
        return cls(model, tokenizer, **kwargs)

    def tokens(self, text: str) -> tuple[list[int], list[Pos]]:
        enc = self.tokenizer(text, add_special_tokens=False, return_offsets_mapping=True, verbose=False)
        return list(enc["input_ids"]), [tuple(o) for o in enc["offset_mapping"]]  # type: ignore[misc]

    def window_batches(self, ids: Sequence[int]) -> list[Pos]:
        return windows(len(ids), self.max_length - 2, self.stride)

    @torch.inference_mode()
    def probabilities(self, text: str) -> tuple[list[Pos], np.ndarray]:
        """Token offsets and their label probabilities (tokens x labels), each from its most central window."""
        ids, offsets = self.tokens(text)
        if not ids:
            return [], np.zeros((0, len(LABELS)), dtype=np.float32)
        ranges = self.window_batches(ids)
        cls_id, sep_id, pad_id = (self.tokenizer.cls_token_id, self.tokenizer.sep_token_id,
                                  self.tokenizer.pad_token_id or 0)
        device = next(self.model.parameters()).device
        probs = np.zeros((len(ids), len(LABELS)), dtype=np.float32)
        best = central_window(ranges, len(ids))
        autocast = device.type == "cpu" and next(self.model.parameters()).dtype == torch.float32 and _NATIVE_BF16
        for b in range(0, len(ranges), self.batch_size):
            chunk = ranges[b:b + self.batch_size]
            width = max(e - s for s, e in chunk) + 2
            input_ids = torch.full((len(chunk), width), pad_id, dtype=torch.long)
            mask = torch.zeros((len(chunk), width), dtype=torch.long)
            for r, (s, e) in enumerate(chunk):
                input_ids[r, :e - s + 2] = torch.tensor([cls_id, *ids[s:e], sep_id])
                mask[r, :e - s + 2] = 1
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=autocast):
                logits = self.model(input_ids=input_ids.to(device), attention_mask=mask.to(device)).logits
            p = torch.softmax(logits.float(), -1).cpu().numpy()
            for r, (s, e) in enumerate(chunk):
                w = b + r
                keep = np.nonzero(best[s:e] == w)[0]
                probs[s + keep] = p[r, 1 + keep]
        return offsets, probs

    def spans(self, text: str) -> list[TypedSpan]:
        """``(label, start, end)`` spans found in ``text``, label in :data:`TYPES`, in text order."""
        offsets, probs = self.probabilities(text)
        return decode(text, offsets, probs.argmax(-1).tolist())

    def extract(self, text: str, doc_id: str = "doc") -> list[Statement]:
        """Attributed statements (no narrator statements), ids ``f"{doc_id}:t{n:03d}"`` in text order."""
        if not isinstance(text, str):
            raise TypeError(f"extract() takes the text as str, got {type(text).__name__}")
        offsets, probs = self.probabilities(text)
        spans = decode(text, offsets, probs.argmax(-1).tolist())
        confidences = _span_confidences(spans, offsets, probs)
        return group(text, spans, doc_id, orphans=self.orphans, confidences=confidences)

    __call__ = extract


def _span_confidences(spans: Sequence[TypedSpan], offsets: Sequence[Pos], probs: np.ndarray) -> dict[TypedSpan, float]:
    """Mean probability of the span's type (B + I) over its tokens."""
    starts = [s for s, _ in offsets]
    ends = [e for _, e in offsets]
    out = {}
    for typ, s, e in spans:
        lo, hi = bisect.bisect_right(ends, s), bisect.bisect_left(starts, e)
        cols = [LABELS.index(f"B-{typ}"), LABELS.index(f"I-{typ}")]
        out[(typ, s, e)] = float(probs[lo:hi, cols].sum(-1).mean()) if hi > lo else 0.0
    return out


_TAGGERS: dict[str, AttributionTagger] = {}


def shared_tagger(device: str = "cpu") -> AttributionTagger:
    """The shipped tagger on ``device``, loaded once per process and shared by every pipeline."""
    if device not in _TAGGERS:
        _TAGGERS[device] = AttributionTagger.from_pretrained(device=device)
    return _TAGGERS[device]
