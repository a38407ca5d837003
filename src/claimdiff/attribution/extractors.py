"""The extractors by name, one registry for the pipeline, the CLI and the evaluations: ``rules`` (the rules
alone, no model), ``rules_first``, ``learned`` and ``combined``, and the ways they merge the rules' statements
with the learned tagger's.

Example:
    >>> extractor("rules")("Baku denied that it had fired.", "d")[0].polarity
    'denies'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from claimdiff.attribution.patterns import _CLAIMED_LIVES_RE
from claimdiff.attribution.rules import segment
from claimdiff.attribution.tagger import AttributionTagger, shared_tagger
from claimdiff.records import Span, Statement

ExtractFn = Callable[[str, str], list[Statement]]

def _overlaps(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and a.start < b.end and b.start < a.end


def combined(text: str, doc_id: str = "doc", tagger: AttributionTagger | None = None) -> list[Statement]:
    """Learned statements, plus the rule statements (:func:`~claimdiff.attribution.rules.segment`) that touch none
    of them.

    See :func:`merge`; the shipped tagger is loaded once per process when ``tagger`` is not given.
    """
    return merge(_only_reports(text, (tagger or shared_tagger()).extract(text, doc_id)), segment(text, doc_id))


def rules_first(text: str, doc_id: str = "doc", tagger: AttributionTagger | None = None) -> list[Statement]:
    """The rules' attributed statements, then the tagger's where the rules found no attribution.

    A learned statement with a speaker is kept when none of its spans touches a rule statement that has a
    speaker; the rule statements without a speaker (narrator sentences, quotes the rules could not attribute)
    that it overlaps give way to it. (Learned statements without a speaker are left out: on the seed they were
    headlines read as reports, "Armenia asks Russia ...".) The rules keep what they read well (named speakers,
    denials, hedges, nested reports), the tagger adds the long tail they miss.
    """
    rules = segment(text, doc_id)
    found = _only_reports(text, (tagger or shared_tagger()).extract(text, doc_id))
    spoken = [r for r in rules if r.speaker is not None]
    added = [st for st in found if st.speaker is not None and not any(_touch(st, r) for r in spoken)]
    unspoken = [r for r in rules if r.speaker is None and not any(_touch(r, st) for st in added)]
    return sorted(spoken + added + unspoken, key=_first_offset)


# What follows a cue the tagger found that makes it no report: "who asked not to be named" says why a source is
# unnamed, "six weeks of fighting claimed 6,500 lives" that people died.
_ANONYMITY_RE = re.compile(r"\s*not\s+to\s+be\s+(?:named|identified|quoted)\b", re.IGNORECASE)
# A source that says nothing: "declined to comment", "has so far not commented on the claims".
_NO_COMMENT_RE = re.compile(r"\b(?:declin\w*|refus\w*|not|never|no)\b(?:\s+\w+){0,3}?\s+comment", re.IGNORECASE)
# A content that is one function word ("the", "of", "what"): the tagger stopped on the first word of a noun phrase.
_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "for", "its", "their", "his", "her", "what", "how", "to", "on",
                             "about", "that", "this", "which", "who"})
# What comes before a word inside a sentence (a capitalised cue there is a name, not a verb).
_MID_SENTENCE_RE = re.compile(r"[\w,;]\s+$")


def _only_reports(text: str, statements: list[Statement]) -> list[Statement]:
    """The tagger's statements less those that report nothing: a cue that is no report ("claimed 6,500 lives",
    "asked not to be named", "declined to comment", a capitalised name), a content of one function word, a speaker
    without a letter."""
    def no_report(st: Statement) -> bool:
        if st.cue is None:
            return False
        words = st.cue.text.split()
        claimed = bool(words) and words[-1].lower() == "claimed"
        return ((claimed and _CLAIMED_LIVES_RE.match(text, st.cue.end) is not None)
                or _ANONYMITY_RE.match(text, st.cue.end) is not None
                or _NO_COMMENT_RE.search(f"{st.cue.text} {st.content.text[:12]}") is not None
                or st.content.text.strip(" \t\n,.;:\"'“”").lower() in _FUNCTION_WORDS
                # a speaker without a letter: the hyphen of "The cease-fire, announced on Sunday"
                or (st.speaker is not None and not any(ch.isalpha() for ch in st.speaker.text))
                # a capitalised cue inside a sentence is a name: the agency of "Barda, October 30, Report."
                or (st.cue.text[:1].isupper()
                    and _MID_SENTENCE_RE.search(text, max(0, st.cue.start - 3), st.cue.start) is not None))
    return [st for st in statements if not no_report(st)]


def _parts(st: Statement) -> list[Span]:
    return [p for p in (st.speaker, st.cue, st.content) if p is not None]


def _touch(a: Statement, b: Statement) -> bool:
    return any(_overlaps(p, q) for p in _parts(a) for q in _parts(b))


def _first_offset(st: Statement) -> int:
    return min(p.start for p in _parts(st))


def merge(learned: Sequence[Statement], rules: Sequence[Statement], fill_speakers: bool = True,
          add_rules: bool = True) -> list[Statement]:
    """Learned statements first; rule statements are added where none of their spans touches a learned span.

    Rule narrator statements are kept the same way, so the pipeline still sees the journalist's own
    sentences. With ``fill_speakers``, a learned statement without a source takes the speaker of a rule
    statement whose cue overlaps its cue.
    """
    out = list(learned)
    if fill_speakers:
        for i, st in enumerate(out):
            if st.speaker is None and st.cue is not None:
                donor = next((r for r in rules if r.speaker is not None and _overlaps(r.cue, st.cue)), None)
                if donor is not None:
                    out[i] = Statement(**{**st.__dict__, "speaker": donor.speaker})
    if add_rules:
        out.extend(r for r in rules if not any(_touch(r, st) for st in learned))
    out.sort(key=_first_offset)
    return out




def learned(text: str, doc_id: str = "doc") -> list[Statement]:
    """The shipped tagger's statements (loaded once per process)."""
    return shared_tagger().extract(text, doc_id)


#: Each extractor, given the tagger it needs (None for ``rules``), as a ``(text, doc_id) -> statements`` function.
EXTRACTORS: dict[str, Callable[[AttributionTagger | None], ExtractFn]] = {
    "rules": lambda tagger: segment,
    "rules_first": lambda tagger: functools.partial(rules_first, tagger=tagger),
    "learned": lambda tagger: tagger.extract,
    "combined": lambda tagger: functools.partial(combined, tagger=tagger),
}


def extractor(choice: str | ExtractFn, device: str = "cpu") -> ExtractFn:
    """The extractor named ``choice`` (a key of :data:`EXTRACTORS`), or ``choice`` itself when it is a callable.

    The shipped tagger is loaded here, once per process and device, so that a missing model fails now and not on
    the first text (:class:`~claimdiff.attribution.tagger.TaggerLoadError`).
    """
    if callable(choice):
        return choice
    if choice not in EXTRACTORS:
        raise ValueError(f"extractor must be one of {tuple(EXTRACTORS)} or a callable, got {choice!r}.")
    return EXTRACTORS[choice](None if choice == "rules" else shared_tagger(str(device)))
