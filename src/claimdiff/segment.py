"""Attribution: find who says what in a news text, with character offsets.

:func:`segment` turns a text into :class:`~claimdiff.records.Statement` records: direct quotes, reported
speech ("X said that Y", "Y, X reports"), "according to X, Y", hedged claims ("citing unnamed sources"),
denials ("X denied that Y", "X rejected that claim") and the journalist's own unattributed sentences
(kind ``"narrator"``). Actors are not resolved here (``actor`` stays ``None``); a later stage maps the
speaker mention to an actor and a side. Only narrator statements get ``side="narrator"``.

The rules are a few regular expressions over sentences found by syntok, driven by the small cue tables
below (``SAY_CUES``, ``DENY_CUES``, ...). Quoted text is masked while cues are searched, so a "said" inside a
quote never makes a speaker. A speaker keeps its appositive ("Shushan Stepanyan, the ministry's
spokeswoman"). A few layouts are read beyond the sentence: a quote paragraph announced by "X said in a
statement:", quote walls signed with a dash ('"Q" ― Jane Doe'), transcript turns ('PENCE: ...'); wire
datelines ("BAKU, Sept 13 (Reuters) - ") are skipped. Everything is linear in the length of the text.

Example:
    >>> from claimdiff.segment import segment
    >>> text = ('The ministry said that the border was calm. "We will respond," Baku said. '
    ...         'Yerevan rejected that claim.')
    >>> for s in segment(text, doc_id="d1"):
    ...     print(s.id, s.kind, s.speaker.text, s.polarity, "|", s.content.text, "|", s.refers_to)
    d1:s001 indirect The ministry asserts | the border was calm | None
    d1:s002 direct Baku asserts | We will respond | None
    d1:s003 indirect Yerevan denies | We will respond | d1:s002
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from syntok.segmenter import analyze as _syntok_analyze

from claimdiff.records import Span, Statement

__all__ = [
    "APPEAL_CUES",
    "CHROME_LINES",
    "CONTINUATION_CUES",
    "DENY_CUES",
    "DESCRIBE_CUES",
    "HEDGES",
    "OBJECT_CUES",
    "RELATED_MARKERS",
    "SAY_CUES",
    "extract",
]

logger = logging.getLogger(__name__)

# --------------------------------------------------------------------------------------------------------------
# The cue tables. Edit these, not the regular expressions below.
# --------------------------------------------------------------------------------------------------------------

#: Reporting verbs: "X said (that) Y", "Y, X said", "Y, said X", "X: ..." and a quote followed by "X said".
SAY_CUES: tuple[str, ...] = (
    "said", "says", "say", "claimed", "claims", "claim", "stated", "states", "noted", "notes", "reported",
    "reports", "announced", "announces", "added", "adds", "warned", "warns", "insisted", "insists", "told",
    "tells", "declared", "declares", "stressed", "stresses", "emphasized", "emphasised", "emphasizes",
    "emphasises", "asserted", "asserts", "alleged", "alleges", "confirmed", "confirms", "argued", "argues",
    "explained", "explains", "wrote", "writes", "maintained", "maintains", "informed", "informs", "assured",
    "assures",
)
#: Requests whose content begins with the addressee: "X appealed to Russia to invoke the treaty".
APPEAL_CUES: tuple[str, ...] = ("appealed to", "appeals to", "called on", "calls on", "urged", "urges")
#: Verbs whose content is denied: "X denied that Y", "X rejected claims that Y", "X rejected that claim".
DENY_CUES: tuple[str, ...] = (
    "denied", "denies", "deny", "rejected", "rejects", "reject", "dismissed", "dismisses", "dismiss",
    "refuted", "refutes", "refute", "disputed", "disputes",
)
#: "X described as 'absurd' the claims that Y": the cue runs on to the quoted (or bare) word after "as".
#: Only taken as a denial when "the claims/reports that ..." (or a pointer back such as "this") follows.
DESCRIBE_CUES: tuple[str, ...] = (
    "described as", "describes as", "branded as", "brands as", "labelled as", "labeled as", "labels as",
)
#: Cues that may take an object before "that" or a colon: "told reporters that Y", "told Reuters: '...'".
OBJECT_CUES: tuple[str, ...] = (
    "told", "tells", "informed", "informs", "assured", "assures", "warned", "warns", "reminded", "reminds",
)
#: Participles that continue the current speaker: '"...," he said, adding that Y'.
CONTINUATION_CUES: tuple[str, ...] = (
    "adding", "noting", "stressing", "saying", "claiming", "insisting", "warning", "explaining", "denying",
    "rejecting", "dismissing",
)
#: Phrases that mark a statement as hedged (its source admits it is unverified or unnamed).
HEDGES: tuple[str, ...] = (
    "citing unnamed sources", "citing anonymous sources", "citing unidentified sources", "citing sources",
    "unnamed sources", "anonymous sources", "unidentified sources", "sources said", "according to sources",
    "reportedly", "allegedly", "purportedly", "unconfirmed reports", "unconfirmed",
    "could not be independently verified", "could not be verified",
)
#: A line holding only one of these ends the article: what follows is the site's teasers for other pages.
#: (The seed page ends with "Читайте также" blocks.) A marker on the text's very first line is ignored.
RELATED_MARKERS: tuple[str, ...] = (
    "Читайте также", "Также читайте", "Читайте еще", "Читайте ещё", "Read also", "Read more", "Related",
    "Related articles", "Related stories", "Related news", "See also", "More on this topic", "More stories",
)
#: Whole lines of site chrome, dropped wherever they stand (compared case-insensitively).
CHROME_LINES: tuple[str, ...] = (
    "Skip to main content", "Skip to content", "Skip to navigation", "Advertisement", "Share",
    "Share this article", "Subscribe", "Sign in", "Log in", "Menu", "Print", "Comments", "Cookie settings",
)

# Confidence of a statement: clear patterns get 1.0; those whose speaker or content boundary is a guess less.
CONF_CLEAR = 1.0
CONF_WEAK = 0.6     # inverted "Y, X said" (where Y starts is a guess), pronoun speakers, pointers back
CONF_GUESS = 0.4    # a quote with no attribution in its sentence

# Words that may stand between the speaker and the cue: "The ministry has also said".
_ADVERBS = (
    "has", "have", "had", "also", "later", "earlier", "previously", "further", "again", "repeatedly",
    "reportedly", "allegedly", "then", "now", "once", "recently", "officially", "publicly", "firmly",
    "categorically", "flatly", "strongly", "immediately", "swiftly", "quickly", "itself", "himself", "herself",
)
# Words after an inverted cue that still belong to the attribution: "..., the ministry said on Tuesday."
_TAIL_WORDS = (
    "in", "on", "at", "during", "late", "early", "earlier", "later", "after", "before", "when", "while", "to",
    "via", "through", "from", "yesterday", "today", "tonight", "overnight", "this", "last", "without",
    "citing", "quoting", "referring", "according",
)
# A prepositional phrase between a cue and "that": "said in a statement on Tuesday that Y".
_GAP_WORDS = ("in", "on", "at", "during", "after", "late", "early", "earlier", "later", "yesterday", "today",
              "overnight", "via", "through", "to", "from", "this", "last")
# Leading adverbials stripped before looking for the speaker: "On the night of September 13, the ministry said".
_ADVERBIAL_STARTS = (
    "On", "In", "At", "Late", "Early", "Earlier", "Later", "Meanwhile", "However", "Also", "Overnight",
    "Yesterday", "Today", "Since", "During", "After", "Before", "By", "Following", "Separately", "Moreover",
    "Furthermore", "Then", "Now", "Previously", "Last", "This", "Speaking", "Asked", "Responding",
    "Commenting", "Citing", "Addressing", "Quoting", "Referring",
)
# Lower-case words that open an aside, not an appositive: "X, however, said" / "X, for his part, said".
_NOT_APPOSITIVE = frozenset({
    "however", "too", "also", "though", "although", "for", "with", "as", "by", "like", "unlike", "meanwhile", "then",
    "now", "once", "again", "if", "asked", "not", "instead", "still", "and", "but", "or", "nor", "so", "yet",
    "because", "which", "where", "since", "even", "just", "only", "that", "it", "he", "she", "they", "we", "i", "you",
    "there", "here", "adding", "saying", "noting",
})
_NOT_APPOSITIVE_NAMES = frozenset({
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December", "However", "Too",
})
# A speaker noun phrase never contains these (they signal a clause, not a name).
_NP_STOPWORDS = frozenset(
    "is are was were be been being am will would can could should shall may might must do does did not that "
    "which who whom whose where when if because after before since while although though but as than so "
    "there here what how why has have had".split()
)
# A speaker never opens with a conjunction or a preposition ("said at a Washington event", "said of RT").
_NP_BAD_FIRST = frozenset({"and", "or", "nor", "but", "yet", "then", "though", "also", "however", "at", "in", "on",
                           "of", "during", "after", "before", "from", "to", "for", "with", "by", "about"})
_CONJUNCTIONS = frozenset({"and", "or", "nor", "but"})   # nor does it end with one: "her press secretary and"
_DETERMINERS = frozenset({"the", "a", "an", "this", "these", "those", "its", "his", "her", "their", "our", "my"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
# Lower-case "-ed" words that are adjectives in speaker phrases; any other one is taken for a verb.
_NP_ED_OK = frozenset({
    "armed", "unnamed", "unidentified", "self-proclaimed", "so-called", "based", "related", "elected",
    "united", "retired", "detained", "displaced", "concerned", "appointed", "recognized", "recognised",
    "unrecognized", "unrecognised", "hundred", "red", "wounded", "injured", "informed", "specialized",
    "specialised", "qualified", "authorized", "authorised", "unauthorized", "unauthorised",
})
# Cue words that are also plural nouns: in "Armenian media reports said", "reports" is not the cue.
_NOUN_LIKE_CUES = frozenset({"reports", "claims", "claim", "states", "notes", "says"})

# Titles written with a full stop that syntok takes for a sentence end: "Rep. Gwen Moore said".
_TITLE_ABBREV_RE = re.compile(
    r"\b(?:Rep|Reps|Del|Gov|Govs|Lt|Gen|Col|Capt|Cpt|Sgt|Maj|Adm|Cmdr|Brig|Amb|Atty|Supt|Insp|Cpl|Pvt|Rev|Hon|Sen"
    r"|Sens|Pres|Prof|Dr|Mr|Mrs|Ms|Messrs)\.\s*$"
)

# Two apostrophes for a quotation mark, as in archive copies of the New York Times: ''We will win,'' he said.
# They are read as '" ' (a mark and a space), which keeps every offset.
_TWO_APOSTROPHES_RE = re.compile(r"(?<!['’])''(?!['’])")

_OPEN_Q = "\"“«„"
_CLOSE_Q = "\"”»“"
_FINAL_PUNCT = ".!?…։。！？"        # with the Armenian full stop and CJK/full-width marks
_TRIM_PUNCT = _FINAL_PUNCT + ",;:"


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first (so "appealed to" wins over a shorter prefix)."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


# A character that may sit inside a speaker noun phrase: no clause punctuation, no quote marks.
_NPC = r"[^,;:\"“”«»„]"
_NP = rf"[^\s,;:\"“”«»„]{_NPC}{{0,80}}?"
_NP_LONG = rf"[^\s,;:\"“”«»„]{_NPC}{{0,100}}?"
_ADV = rf"(?:{_alt(_ADVERBS)})"
# Auxiliaries and adverbs before a cue belong to it, as in PolNeAR ("has also said": in its train split 1,559
# cues include such a word, 38 leave it out); "itself" does not, nor "then" or the journalist's hedge ("allegedly").
_NOT_IN_CUE = {"itself", "himself", "herself", "allegedly", "reportedly", "then", "now", "once"}
_CUE_ADV = rf"(?:{_alt(set(_ADVERBS) - _NOT_IN_CUE)})"
_SAY = rf"(?:{_alt(SAY_CUES)})\b"
_QUOTED = r"[\"“«„][^\"“”«»„]{0,80}[\"”»“]"
_TAIL = (rf"(?P<tail>\s+(?:{_alt(_TAIL_WORDS)})\b{_NPC}{{0,80}}?)?"
         rf"(?:,\s*(?:citing|quoting|referring\s+to)\b{_NPC}{{0,80}}?)?")

_CUE_RE = re.compile(
    rf"\b(?:(?P<describe>(?:{_alt(DESCRIBE_CUES)})\s+(?:{_QUOTED}|[\w'’-]+))"
    rf"|(?P<deny>(?:{_alt(DENY_CUES)})\b)"
    rf"|(?P<appeal>(?:{_alt(APPEAL_CUES)})\b)"
    rf"|(?P<say>{_SAY}))"
)
_ANOTHER_CUE_RE = re.compile(rf"\s+(?:{_ADV}\s+)*(?:{_SAY}|(?:{_alt(DENY_CUES)})\b)")
# The text between a clause start and its cue: a noun phrase, an optional ", appositive," and adverbs.
_SPEAKER_RE = re.compile(
    rf"\s*(?P<np>[^\s,;:\"“”«»„]{_NPC}*?)(?:\s*,\s*(?P<appos>[^;:\"“”«»„]+?)\s*,)?(?:\s+{_ADV})*?"
    rf"(?:\s+(?P<adv>{_CUE_ADV}(?:\s+{_CUE_ADV})*))?\s*"
)
_ACCORDING_RE = re.compile(
    r"(?P<cue>[Aa]ccording\s+to(?:\s+(?:a|an|the)\s+(?:[\w'’-]+\s+)?"
    r"(?:statement|report|communiqu[eé]|release|briefing|post|message|announcement)\s+(?:by|from|of))?)"
    rf"\s+(?P<np>{_NP_LONG})\s*,\s*"
)
_COLON_RE = re.compile(rf"(?P<np>{_NP})\s*:\s*(?=[{_OPEN_Q}])")
_SAID_FIRST_RE = re.compile(r"(?P<cue>Said|Says|Added|Adds|Asked|Wrote|Writes)\s+(?=[A-Z])")
# The quoted title may hold the comma: 'On this weekend's "Fox News Sunday," Gov. Mike Pence said' (masked).
_ADVERBIAL_RE = re.compile(
    rf"(?:{_alt(_ADVERBIAL_STARTS)})\b(?:{_NPC}|[{_OPEN_Q}]x*[{_CLOSE_Q}]){{0,80}}?"
    rf"(?:,\s+|(?<=[{_CLOSE_Q}])\s+(?=[A-Z]))"
)
# Where a new clause (and maybe a new statement) may begin inside a sentence.
_CLAUSE_RE = re.compile(r"[,;]\s+(?:and|but|though|although|while|whereas|yet)\s+|;\s+|\s(?:and|but|while|whereas)\s+")
_CONT = rf"(?:{_alt(CONTINUATION_CUES)})"   # "adding", "denying", ...: a second statement by the same speaker
_CONTINUATION_RE = re.compile(rf",\s+(?P<cue>{_CONT})\b")
# "said X, a lawyer for the club(, who ...)" up to the end of the sentence, or up to ", adding that": who X is,
# not what X said (an aside such as ", at a rally" is matched too, and _is_appositive leaves it out).
_APPOSITIVE_START = (r"(?:(?:a|an|the|now|then|who|whose|one|[\w'’-]+'s|[\w'’-]+’s)\b"
                      r"|[RDI]-[A-Z]|(?:Democrat|Republican|Independent)s?\s+(?:of|from)\b)")
_APPOSITIVE = (rf"(?:\s*,\s+(?!{_CONT}\b)(?P<appos>(?=[^\W\d_])"
               rf"(?:(?!,\s+{_CONT}\b)[^;:\"“”«»„]){{1,200}}))?")
_APPOSITIVE_START_RE = re.compile(_APPOSITIVE_START)
_AGE_RE = re.compile(r"\d{1,3}\s*(?:,|$)")    # "Donna Rawlings, 59, of Ashton, Md., said"
# "NAME, APPOSITIVE" before ", said ...", which may be a speaker rather than a content (_speaker_with_appositive).
_BARE_NAME_RE = re.compile(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}")
_NAME_APPOSITIVE_RE = re.compile(
    rf"(?P<name>[A-Z][^,;:\"“”«»„]{{0,80}}?)\s*,\s+(?P<appos>[^;:\"“”«»„]{{1,200}})"
)
# Whom a cue addresses after the speaker: '"Q," X told The Huffington Post.' (up to four capitalised words).
_ADDRESSEE = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}"
# What the speaker spoke of, right after the cue: '"Q," X said of RT' (but "said Rangel of New York" is a name).
_SAID_OF = rf"(?:of|about)\s+{_NP}"
# What may follow a cue before the attribution ends: "told reporters", "told me", "said of RT".
_CUE_OBJECT = rf"(?:reporters|journalists|me|us|him|her|them|{_ADDRESSEE}|{_SAID_OF})"
# "Y, X said." / "Y, said X." / "Y, according to X." at the end of a sentence.
_INVERTED_RE = re.compile(
    rf"(?:,|(?<=[\"”»“]))\s*(?:"
    rf"(?P<np>{_NP})\s+(?:{_ADV}\s+)*?(?P<cue>(?:{_CUE_ADV}\s+)*{_SAY})"
    rf"(?:\s+(?:the\s+press|{_CUE_OBJECT}))?"
    rf"|(?P<cue2>{_SAY})\s+(?P<np2>{_NP}){_APPOSITIVE}"
    rf"|(?P<acc>according\s+to)\s+(?P<np3>{_NP_LONG})"
    rf"){_TAIL}(?P<cont>,\s+(?P<ccue>{_CONT})\b[^\n]{{1,200}}?)?[\s.!?…]*$"
)
# What may follow a leading quote for it to be a direct quote: ', the minister said' / ', said X'.
_AFTER_QUOTE_RE = re.compile(
    rf"\s*,?\s*(?:(?P<np>{_NP})(?:\s*,\s*(?P<appos1>[^;:\"“”«»„]{{1,200}}?)\s*,)?\s+(?:{_ADV}\s+)*?"
    rf"(?P<cue>(?:{_CUE_ADV}\s+)*{_SAY})"
    rf"(?:\s+{_CUE_OBJECT})?"
    rf"|(?P<cue2>{_SAY})\s+(?P<np2>{_NP}){_APPOSITIVE}){_TAIL}"
    rf"(?=[\s.!?…]*$|\s*[,:]\s*[{_OPEN_Q}]|,\s+{_CONT}\b)"
)
# A wire dateline opening the story: "BAKU, Sept 13 (Reuters) - ", "YEREVAN: ", "WASHINGTON ― ".
_DATELINE_RE = re.compile(
    r"[A-Z][A-Z'’.]+(?:[ -][A-Z][A-Z'’.]+){0,2}(?:,[^\n:;\"“”«»„–—―]{1,40}?)?(?:\s*\([^()\n]{1,30}\))?"
    r"[^\S\n]*(?::|--?|[–—―])[^\S\n]+(?=[A-Z\"“«])"
)
# What may stand between a lead-in's cue and its colon: "said in a statement:", "told reporters on Monday:".
_LEAD_IN_TAIL_RE = re.compile(r"[^.!?\n\"“”«»„]{0,80}:")
# A transcript's speaker label opening a paragraph, maybe inside a quote running over paragraphs: '"PENCE: Well'.
_TURN_RE = re.compile(r"(?:^|(?<=\n\n))[^\S\n]*[\"“]?(?P<np>[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2})(?P<colon>:)[^\S\n]")
# A dash and a name closing the line after a quote: '“Q” ― Jane Doe.' (see _signed_quotes).
_SIGNED_RE = re.compile(
    r"[^\S\n]*,?[^\S\n]*(?P<dash>[―—–])[^\S\n]*(?P<np>[^\W\d_][^\n,;:\"“”«»„]{0,60}?)[^\S\n]*\.?[^\S\n]*(?=\n|$)"
)
# After the cue: ", citing unnamed sources, that" / ", in a statement, that".
_QUOTE_SEP_RE = re.compile(r"\s*[,:]\s*")
_PAREN_RE = re.compile(
    rf"\s*,\s*{_NPC}{{1,80}}?\s*,\s*(?=that\b)"
    rf"|\s*,\s*(?:citing|quoting|referring\s+to|in|on|at)\b{_NPC}{{0,80}}?,\s*"
)
_GAP_THAT_RE = re.compile(rf"\s+(?P<gap>{_NPC}{{1,60}}?)(?=\s+that\b|\s*:\s*[{_OPEN_Q}])")
_THAT_RE = re.compile(r"\s*that\b")
_STATES_CUE_RE = re.compile(r"\s*(?:that\b|:)")
_CLAIMS_RE = re.compile(
    r"\s*(?:(?:the|these|those|such|all)\s+)?(?:[\w'’-]+\s+){0,2}?"
    r"(?:claims?|reports?|allegations?|accusations?|suggestions?|assertions?|rumou?rs?|information|statements?"
    r"|speculation)\s+(?:that|of|about)\b",
    re.IGNORECASE,
)
# A denial whose object only points back at something said before: "rejected that claim", "denied it",
# "dismissed this as lies".
_POINT_BACK_RE = re.compile(
    r"\s*(?:(?:the|that|this|these|those|such|its|their|his|her|all)\s+)?(?:[\w'’-]+\s+){0,3}?"
    r"(?:claims?|reports?|allegations?|accusations?|statements?|information|assertions?|version|charges?"
    r"|remarks?|comments?|news|it|this|that|them|these|those)"
    r"(?:\s+(?:as|outright|categorically|flatly|firmly|on|in|at|during|late|earlier|later|by)\b[^,;]{0,80}?)?"
    r"[\s.!?…]*",
    re.IGNORECASE,
)
_HEDGE_RE = re.compile(rf"\b(?:{_alt(HEDGES)})\b", re.IGNORECASE)
_QUOTE_CHAR_RE = re.compile(r"[\"“”«»„]")
_BLANK_LINE_RE = re.compile(r"\n[^\S\n]*\n\s*")
_RELATED_RE = re.compile(
    rf"^[^\S\n]*(?:{_alt(RELATED_MARKERS)})[^\S\n]*[:.…]?[^\S\n]*$", re.IGNORECASE | re.MULTILINE
)
_CHROME = frozenset(line.casefold() for line in CHROME_LINES)
_WORD_RE = re.compile(r"\w")
_FIRST_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")


# --------------------------------------------------------------------------------------------------------------
# Internal records
# --------------------------------------------------------------------------------------------------------------

Pos = tuple[int, int]


@dataclass
class _Raw:
    """A statement before ids are given; positions are absolute offsets into the text."""

    kind: str
    content: Pos
    speaker: Pos | None = None
    cue: Pos | None = None
    polarity: str = "asserts"
    confidence: float = CONF_CLEAR
    region: Pos | None = None      # the stretch whose words decide `hedged`
    point_back: bool = False       # content only points back; replaced by an earlier statement's content
    unit_start: int = 0

    def order(self) -> tuple[int, int, int]:
        own = [p for p in (self.speaker, self.cue, self.content) if p is not None]
        return (self.unit_start, min(p[0] for p in own), max(p[1] for p in own))


@dataclass
class _Hit:
    """A speaker + cue found at a clause start; its content is cut once the next hit is known."""

    boundary: int                  # where the clause begins (ends the previous statement's content)
    kind: str
    speaker: Pos | None
    cue: Pos | None
    cue_type: str                  # say | deny | describe | appeal | according | continuation | colon
    after: int                     # first position after the cue
    confidence: float


@dataclass
class _Doc:
    text: str
    masked: str                    # the text with quote interiors replaced by "x": cues inside quotes vanish
    quote_end: dict[int, int]      # opening quote offset -> offset after its closing quote
    quote_starts: list[int]        # the keys of quote_end, sorted
    turn_labels: frozenset[str] = frozenset()   # the speaker labels of a transcript, "WALLACE:" (see _turns)


# --------------------------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------------------------


def segment(text: str, doc_id: str = "doc") -> list[Statement]:
    """Find the attributed statements and the narrator's own sentences in ``text``.

    Args:
        text: the document text, any Unicode, any newline convention.
        doc_id: used for ``Statement.doc_id`` and the ids ``f"{doc_id}:s{n:03d}"`` (text order).

    Returns:
        Statements in text order, with ``actor=None``; ``side="narrator"`` for narrator statements only.
        Every span satisfies ``text[span.start:span.end] == span.text``.

    Raises:
        TypeError: when ``text`` is not a ``str`` (decode bytes first).
    """
    if not isinstance(text, str):
        raise TypeError(f"segment() takes the document text as str, got {type(text).__name__}; "
                        "decode bytes first, e.g. data.decode('utf-8').")
    if not text.strip():
        return []
    original, text = text, _TWO_APOSTROPHES_RE.sub('" ', text)  # same length: offsets hold for both
    paragraphs = [p for p in _paragraphs(text, _article_end(text)) if not _is_chrome(text, *p)]
    blocks, quote_end = _quote_blocks(text, paragraphs, doc_id)
    doc = _Doc(text, _mask(text, quote_end), quote_end, sorted(quote_end), _transcript_labels(text))
    raws: list[_Raw] = []
    lead_in: tuple[_Hit, int] | None = None
    for start, end in blocks:
        whole = _whole_quote(doc, start, end) if lead_in is not None else None
        if lead_in is None or whole is None:
            found = _paragraph(doc, start, end)
        else:
            # 'The ministry said in a statement:' + blank line + a paragraph that is one quote: the quote is
            # the ministry's, and the lead-in line is no narrator sentence.
            hit, lead_start = lead_in
            found = [_Raw("direct", whole, hit.speaker, hit.cue, confidence=hit.confidence, region=(start, end),
                          unit_start=start)]
            # What the lead-in line was read as on its own: a narrator sentence, or "in a statement" as content.
            raws = [r for r in raws if not (r.unit_start == lead_start
                                            and (r.kind == "narrator" or r.content[0] >= hit.after))]
        lead_in = _lead_in(doc, start, end)
        raws.extend(found)
    return _finish(original, doc_id, raws)


# --------------------------------------------------------------------------------------------------------------
# Layout: article end, paragraphs, chrome, quotes, sentences
# --------------------------------------------------------------------------------------------------------------


def _article_end(text: str) -> int:
    """Offset of the first "related articles" marker line that follows some text, else ``len(text)``."""
    first = re.search(r"\S", text)
    for m in _RELATED_RE.finditer(text):
        if first is not None and m.start() > first.start():
            logger.debug("Related-articles marker %r at offset %d: the %d characters after it are not read.",
                         m.group().strip(), m.start(), len(text) - m.start())
            return m.start()
    return len(text)


def _paragraphs(text: str, end: int) -> Iterator[Pos]:
    """Blank-line separated blocks, trimmed of surrounding whitespace."""
    pos = 0
    for m in _BLANK_LINE_RE.finditer(text, 0, end):
        yield from _trimmed(text, pos, m.start())
        pos = m.end()
    yield from _trimmed(text, pos, end)


def _trimmed(text: str, start: int, end: int) -> Iterator[Pos]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


def _is_chrome(text: str, start: int, end: int) -> bool:
    """A one-line block that is navigation, not news: a known chrome line, or under three words and no
    final punctuation ("Share", "Photo: AP"). A headline (longer, unpunctuated) is kept as narrator."""
    block = text[start:end]
    if "\n" in block:
        return False
    words = len(block.split())
    lead_in = words == 2 and block[-1] == ":"      # "He said:" announces the quote below it
    if block.casefold() in _CHROME or (words < 3 and block[-1] not in _FINAL_PUNCT + _CLOSE_Q and not lead_in):
        logger.debug("Dropped site chrome %r at offset %d.", block, start)
        return True
    return False


def _quote_blocks(text: str, paragraphs: list[Pos], doc_id: str) -> tuple[list[Pos], dict[int, int]]:
    """Pair the quote marks of each paragraph: the blocks to read (paragraphs, some joined) and the quote spans
    as {open offset: offset after close}.

    A quotation may run over paragraphs, news style: each paragraph opens with a quote mark and only the last
    one closes ('"... the minister said. "Our forces are ready.' + blank line + '"It is on them."'). So a
    paragraph left with one quote open goes on into the next paragraph if, and only if, that paragraph starts
    with the same opening mark. The repeated mark is not paired, and the quote, with the paragraph break inside
    it, is read as one block, so a speaker anywhere in it attributes it. A chain that never closes is read as
    before: each of its paragraphs is unbalanced on its own too, so each warns and gets no quote.
    """
    blocks: list[Pos] = []
    quote_end: dict[int, int] = {}
    i = 0
    while i < len(paragraphs):
        stack: list[tuple[str, int]] = []
        spans: dict[int, int] = {}
        j = i
        ok = _pair_quotes(text, *paragraphs[i], stack, spans)
        while (ok and len(stack) == 1 and j + 1 < len(paragraphs)
               and text[paragraphs[j + 1][0]] == stack[0][0]):
            j += 1
            ok = _pair_quotes(text, paragraphs[j][0] + 1, paragraphs[j][1], stack, spans)
        if ok and not stack:
            blocks.append((paragraphs[i][0], paragraphs[j][1]))
            quote_end.update(spans)
        else:
            for start, end in paragraphs[i:j + 1]:
                # Refuse to guess where an unclosed quote ends: the paragraph is read without the quote rule.
                logger.warning("Unbalanced quotation marks in the paragraph at offset %d of document %r; "
                               "quotes there are not treated as direct speech.", start, doc_id)
                blocks.append((start, end))
        i = j + 1
    return blocks, quote_end


def _pair_quotes(text: str, start: int, end: int, stack: list[tuple[str, int]], spans: dict[int, int]) -> bool:
    """Pair the quote marks in [start, end), going on from ``stack`` (the quotes still open, as (mark, offset)),
    and add the outermost closed ones to ``spans``. False on a closing mark that closes nothing.

    Straight quotes alternate open/close; “…”, «…» and „…“ nest. Single quotes are left alone because ’ is
    also the apostrophe.
    """
    for m in _QUOTE_CHAR_RE.finditer(text, start, end):
        c, i = m.group(), m.start()
        top = stack[-1][0] if stack else ""
        if c == '"':
            closes = top == '"'
        elif c == "“":
            closes = top == "„"        # „…“ closes with the English opening mark
        elif c == "”":
            if top not in ("“", "„"):
                if stack or text[text.rfind("\n", 0, i) + 1:i].strip():
                    return False
                # Nothing is open and the mark opens its line: an opening mark typed (or autocorrected) wrong.
                c = "“"
            closes = c == "”"
        elif c == "»":
            if top != "«":
                return False
            closes = True
        else:                          # « and „ only open
            closes = False
        if closes:
            _, opened = stack.pop()
            if not stack:
                spans[opened] = i + 1
        else:
            stack.append((c, i))
    return True


def _mask(text: str, quote_end: dict[int, int]) -> str:
    """The text with every quote's interior replaced by "x", same length, so offsets carry over."""
    pieces: list[str] = []
    last = 0
    for start in sorted(quote_end):
        end = quote_end[start]
        pieces.append(text[last:start + 1])
        pieces.append("x" * (end - start - 2))
        last = end - 1
    pieces.append(text[last:])
    return "".join(pieces)


def _sentences(text: str, start: int, end: int) -> list[Pos]:
    """syntok sentences of one paragraph. Each runs to the next one's start, so no character is lost even
    where syntok normalises a token (it joins words hyphenated across a line break)."""
    try:
        starts = [start + sent[0].offset for para in _syntok_analyze(text[start:end]) for sent in para if sent]
    except Exception:  # a segmenter bug must not lose the paragraph
        logger.warning("syntok failed on the paragraph at offset %d; it is read as one sentence.", start,
                       exc_info=True)
        starts = []
    starts = sorted({s for s in starts if start < s < end and not _TITLE_ABBREV_RE.search(text, s - 12, s)}
                    | {start})
    bounds = starts[1:] + [end]
    out = []
    for s, e in zip(starts, bounds):
        out.extend(_trimmed(text, s, e))
    return out


def _units(sentences: list[Pos], quote_end: dict[int, int], quote_starts: list[int]) -> list[Pos]:
    """Sentences joined where a quote runs across a sentence break ('"We will fight. We will win," he said')."""
    units: list[Pos] = []
    start: int | None = None
    for s, e in sentences:
        if start is None:
            start = s
        # Quotes do not overlap, so only the last one opening before ``e`` can run across it.
        i = bisect.bisect_left(quote_starts, e) - 1
        if i >= 0 and quote_end[quote_starts[i]] > e:
            continue
        units.append((start, e))
        start = None
    if start is not None:
        units.append((start, sentences[-1][1]))
    return units


# --------------------------------------------------------------------------------------------------------------
# Statements of a paragraph and of a unit (a sentence, or sentences joined by a quote)
# --------------------------------------------------------------------------------------------------------------


def _paragraph(doc: _Doc, start: int, end: int) -> list[_Raw]:
    raws: list[_Raw] = []
    last_said: _Raw | None = None
    pos = start
    whole_lines = sorted([*_signed_quotes(doc, start, end), *_turns(doc, start, end)], key=lambda x: x[0].unit_start)
    for found, line_end in whole_lines:
        if found.unit_start < pos:
            continue
        last_said = _read_units(doc, pos, found.unit_start, last_said, raws)
        raws.append(found)
        last_said, pos = found, line_end
    _read_units(doc, pos, end, last_said, raws)
    return raws


def _lead_in(doc: _Doc, start: int, end: int) -> tuple[_Hit, int] | None:
    """A paragraph that ends by announcing a quote, '... the ministry said in a statement:': the speaker and
    cue of that last unit, and where the unit starts; None otherwise."""
    if doc.text[end - 1] != ":":
        return None
    us, ue = _units(_sentences(doc.text, start, end), doc.quote_end, doc.quote_starts)[-1]
    hits = _clause_hits(doc, us, ue, unit_start=True, speaker=None)
    if not hits or hits[-1].cue_type != "say" or not _LEAD_IN_TAIL_RE.fullmatch(doc.masked, hits[-1].after, ue):
        return None
    return hits[-1], us


def _read_units(doc: _Doc, start: int, end: int, last_said: _Raw | None, raws: list[_Raw]) -> _Raw | None:
    """Add the statements of the units in [start, end) to ``raws``; returns the last statement with a speaker."""
    for us, ue in _units(_sentences(doc.text, start, end), doc.quote_end, doc.quote_starts):
        found = _unit(doc, us, ue, last_said)
        for r in found:
            r.unit_start = us
            if r.speaker is not None:
                last_said = r
        raws.extend(found)
    return last_said


def _transcript_labels(text: str) -> frozenset[str]:
    """The speaker labels of a transcript in ``text``: paragraphs opened by "WALLACE:" / "PENCE:".

    A capitalised word and a colon also open datelines ("BAKU: ...") and rubrics ("CORRECTION:", "UPDATE:"),
    so labels count only when they take turns: at least two labels (by last word, "JAKE TAPPER" is "TAPPER")
    that each open two paragraphs or more.
    """
    counts: dict[str, int] = {}
    for m in _TURN_RE.finditer(text):
        last = m.group("np").split()[-1]
        counts[last] = counts.get(last, 0) + 1
    taking_turns = {label for label, n in counts.items() if n >= 2}
    return frozenset(taking_turns) if len(taking_turns) >= 2 else frozenset()


def _turns(doc: _Doc, start: int, end: int) -> Iterator[tuple[_Raw, int]]:
    """Transcript turns in [start, end): each paragraph opened by a transcript label is the labelled
    speaker's direct speech; the colon is the cue. Yields each statement and where its paragraph ends."""
    if not doc.turn_labels:
        return
    for m in _TURN_RE.finditer(doc.text, start, end):
        if m.group("np").split()[-1] not in doc.turn_labels:
            continue
        blank = _BLANK_LINE_RE.search(doc.text, m.end(), end)
        para_end = blank.start() if blank else end
        content = _trim(doc.text, m.end(), para_end)
        if content[1] > content[0] and doc.text[content[1] - 1] in _CLOSE_Q:
            content = _trim(doc.text, content[0], content[1] - 1)
        if _WORD_RE.search(doc.text, *content):
            yield (_Raw("direct", content, m.span("np"), m.span("colon"), region=(m.start(), para_end),
                        unit_start=m.start()), para_end)


def _signed_quotes(doc: _Doc, start: int, end: int) -> Iterator[tuple[_Raw, int]]:
    """Lines that are a quote signed with a dash, '“Q” ― Jane Doe' (quote walls, epigraphs, reader voices):
    the dash is the cue and the name the speaker. Yields each statement and where its line ends.

    A single newline does not end a sentence, so without this the lines of a quote wall run together into one
    unit that no other rule reads.
    """
    first = bisect.bisect_left(doc.quote_starts, start)
    for qs in doc.quote_starts[first:]:
        if qs >= end:
            break
        line_start = doc.text.rfind("\n", start, qs) + 1 or start
        if doc.text[line_start:qs].strip():
            continue                   # the quote must open its line
        m = _SIGNED_RE.match(doc.masked, doc.quote_end[qs], end)
        if m is None:
            continue
        speaker = _speaker_pos(m, "np", max_words=6)
        content = _interior(doc.text, qs, doc.quote_end[qs])
        if speaker is None or not doc.text[speaker[0]].isupper() or not _WORD_RE.search(doc.text, *content):
            continue
        yield _Raw("direct", content, speaker, m.span("dash"), region=(qs, m.end()), unit_start=qs), m.end()


def _unit(doc: _Doc, us: int, ue: int, last_said: _Raw | None) -> list[_Raw]:
    raws: list[_Raw] = []
    clause_from = us
    speaker: Pos | None = None
    inverted_at = ue

    leading = _leading_quote(doc, us, ue)
    if leading is not None:
        raws, clause_from, speaker = leading
    else:
        found = _inverted(doc, us, ue)
        if found is not None:
            raws.extend(found[0])
            inverted_at = found[1]

    hits = _clause_hits(doc, clause_from, inverted_at, unit_start=(leading is None), speaker=speaker)
    statements = _hit_statements(doc, hits, inverted_at)
    raws.extend(statements)

    if not raws:
        whole = _whole_quote(doc, us, ue)
        if whole is not None:
            # A quote with no attribution in its sentence: most often the last speaker goes on talking, under
            # the cue that gave them the floor (PolNeAR marks one cue for a quote running over sentences).
            if last_said is None:
                return [_Raw("direct", whole, confidence=CONF_GUESS, region=(us, ue))]
            return [_Raw("direct", whole, last_said.speaker, last_said.cue, confidence=CONF_GUESS, region=(us, ue))]
        content = _trim(doc.text, us, ue)
        if _WORD_RE.search(doc.text, content[0], content[1]):
            return [_Raw("narrator", content, region=(us, ue))]
        return []
    if leading is None and inverted_at == ue and statements and hits and hits[0].boundary > us:
        # "Fighting resumed at dawn, and the ministry said ...": the part before the first clause is the
        # journalist's own.
        prefix = _trim(doc.text, us, hits[0].boundary)
        if len(doc.text[prefix[0]:prefix[1]].split()) >= 2:
            raws.append(_Raw("narrator", prefix, region=prefix))
    return raws


def _leading_quote(doc: _Doc, us: int, ue: int) -> tuple[list[_Raw], int, Pos] | None:
    """'"Q1," X said.' / '"Q1," said X, "Q2."' / '"Q1," X said, adding that ...' at the start of a unit."""
    qe = doc.quote_end.get(us)
    if qe is None:
        return None
    m = _AFTER_QUOTE_RE.match(doc.masked, qe, ue)
    if m is None:
        return None
    np_name, cue_name = ("np", "cue") if m.group("np") else ("np2", "cue2")
    speaker = _with_appositive(m, _speaker_pos(m, np_name), "appos1" if np_name == "np" else "appos")
    if speaker is None:
        return None
    first = _interior(doc.text, us, qe)
    if not _WORD_RE.search(doc.text, first[0], first[1]):
        return None
    cue = m.span(cue_name)
    confidence = _speaker_confidence(doc.text, speaker)
    raws = [_Raw("direct", first, speaker, cue, confidence=confidence, region=(us, m.end()))]
    after = m.end()
    second = _QUOTE_SEP_RE.match(doc.masked, after, ue)
    if second is not None:
        q2 = second.end()
        q2e = doc.quote_end.get(q2)
        if q2e is not None and _only_punct(doc.text, q2e, ue) and _whole_quote(doc, q2, ue) is not None:
            raws.append(_Raw("direct", _interior(doc.text, q2, q2e), speaker, cue, confidence=confidence,
                             region=(q2, ue)))
            after = ue
    return raws, after, speaker


def _inverted(doc: _Doc, us: int, ue: int) -> tuple[list[_Raw], int] | None:
    """'Y, X said.' / 'Y, said X.' / 'Y, according to X.' ending the unit; content Y from the unit start.
    'Y, said X, adding that Z.' adds X's second statement Z.

    Returns the statements and where the attribution begins (forward clauses are only sought before it).
    """
    pos = max(us, ue - 500)            # the attribution is short: look only at the unit's end
    content_from = _after_dateline(doc.masked, us, ue)
    while pos < ue:
        m = _INVERTED_RE.search(doc.masked, pos, ue)
        if m is None:
            return None
        pos = m.start() + 1
        name = "np" if m.group("np") else "np2" if m.group("np2") else "np3"
        speaker = _speaker_pos(m, name, max_words=9 if name != "np3" else 12)
        if name == "np2":
            lead = _NAME_APPOSITIVE_RE.fullmatch(doc.masked, content_from, m.start())
            if lead is not None and _speaker_with_appositive(doc.masked, lead):
                continue
            speaker = _with_appositive(m, speaker, "appos")
        content = _trim(doc.text, content_from, m.start())
        if speaker is None or not _WORD_RE.search(doc.text, content[0], content[1]):
            continue
        cue = m.span("cue" if m.group("cue") else "cue2" if m.group("cue2") else "acc")
        kind = "according_to" if m.group("acc") else "indirect"
        end = m.start("cont") if m.group("cont") else ue
        whole = _whole_quote(doc, us, m.start())
        if whole is not None and kind == "indirect":
            first = _Raw("direct", whole, speaker, cue, confidence=_speaker_confidence(doc.text, speaker),
                         region=(m.start(), end))
        else:
            first = _Raw(kind, content, speaker, cue, confidence=CONF_WEAK, region=(us, end))
        return [first, *_continued(doc, m, speaker, ue)], m.start()
    return None


def _continued(doc: _Doc, m: re.Match[str], speaker: Pos, ue: int) -> list[_Raw]:
    """The statement of ', adding that Z' after an inverted attribution, by the same speaker."""
    if not m.group("cont"):
        return []
    denies = m.group("ccue") in ("denying", "rejecting", "dismissing")
    hit = _Hit(m.start("cont"), "indirect", speaker, m.span("ccue"), "deny" if denies else "continuation",
               m.end("ccue"), CONF_WEAK)
    return _hit_statements(doc, [hit], ue)


def _clause_hits(doc: _Doc, start: int, limit: int, *, unit_start: bool, speaker: Pos | None) -> list[_Hit]:
    """Speaker + cue at each place a clause may begin, in text order."""
    m = doc.masked
    places: list[tuple[int, int, Pos | None]] = []     # (boundary, clause start, continuation cue)
    if unit_start:
        pos = _after_dateline(m, start, limit)
        adverbial = _ADVERBIAL_RE.match(m, pos, limit)
        places.append((start, adverbial.end() if adverbial else pos, None))
    for c in _CLAUSE_RE.finditer(m, start, limit):
        places.append((c.start(), c.end(), None))
    for c in _CONTINUATION_RE.finditer(m, start, limit):
        places.append((c.start(), c.end(), c.span("cue")))
    places.sort(key=lambda place: place[:2])

    hits: list[_Hit] = []
    for boundary, pos, continuation in places:
        if hits and pos < hits[-1].after:
            continue               # inside the last hit's own speaker ("Armenia and Azerbaijan said")
        if continuation is not None:
            # ", adding that Y" goes on with the speaker of the clause before it.
            current = hits[-1].speaker if hits else speaker
            if current is not None:
                denies = m[continuation[0]:continuation[1]] in ("denying", "rejecting", "dismissing")
                hits.append(_Hit(boundary, "indirect", current, continuation, "deny" if denies else "continuation",
                                 pos, CONF_WEAK))
            continue
        hit = _hit_at(doc, boundary, pos, limit)
        if hit is not None:
            hits.append(hit)
    return hits


def _hit_at(doc: _Doc, boundary: int, pos: int, limit: int) -> _Hit | None:
    m = doc.masked
    acc = _ACCORDING_RE.match(m, pos, limit)
    if acc is not None:
        speaker = _speaker_pos(acc, "np", max_words=12)
        if speaker is not None:
            return _Hit(boundary, "according_to", speaker, acc.span("cue"), "according", acc.end(), CONF_CLEAR)
    window = min(limit, pos + 200)
    cue = _CUE_RE.search(m, pos, window)
    # "Armenian media reports said ...": the first cue word is part of the speaker.
    # "Twenty-seven states led by West Virginia are suing": "states" is a cue only before "that" or a colon.
    while cue is not None and cue.group() in _NOUN_LIKE_CUES and (
            _ANOTHER_CUE_RE.match(m, cue.end(), limit)
            or (cue.group() == "states" and not _STATES_CUE_RE.match(m, cue.end(), limit))):
        cue = _CUE_RE.search(m, cue.end(), window)
    if cue is not None:
        sp = _SPEAKER_RE.fullmatch(m, pos, cue.start())
        if sp is not None:
            speaker = _with_appositive(sp, _speaker_pos(sp, "np"), "appos")
            if speaker is not None:
                cue_type = next(k for k in ("describe", "deny", "appeal", "say") if cue.group(k))
                cue_span = (sp.start("adv") if sp.group("adv") else cue.start(), cue.end())
                return _Hit(boundary, "indirect", speaker, cue_span, cue_type, cue.end(),
                            _speaker_confidence(doc.text, speaker))
    colon = _COLON_RE.match(m, pos, limit)
    if colon is not None:
        speaker = _speaker_pos(colon, "np")
        if speaker is not None:
            # 'Said Ellis: "Q"': the verb opening the line is the cue.
            said = _SAID_FIRST_RE.match(m, *speaker)
            if said is not None:
                return _Hit(boundary, "direct", (said.end(), speaker[1]), said.span("cue"), "colon", colon.end(),
                            CONF_CLEAR)
            return _Hit(boundary, "direct", speaker, None, "colon", colon.end(), CONF_WEAK)
    return None


def _hit_statements(doc: _Doc, hits: list[_Hit], limit: int) -> list[_Raw]:
    # A hit whose content turns out empty must not cut its predecessor's content, so filter first.
    valid = [h for h in hits if _content(doc, h, limit) is not None]
    raws = []
    for i, hit in enumerate(valid):
        end = valid[i + 1].boundary if i + 1 < len(valid) else limit
        parsed = _content(doc, hit, end)
        if parsed is None:
            continue
        kind, content, polarity, point_back = parsed
        own = [p[0] for p in (hit.speaker, hit.cue) if p is not None]
        region = (min([hit.boundary, *own]), max(end, content[1]))
        raws.append(_Raw(kind, content, hit.speaker, hit.cue, polarity, hit.confidence, region, point_back))
    return raws


def _content(doc: _Doc, hit: _Hit, end: int) -> tuple[str, Pos, str, bool] | None:
    """(kind, content, polarity, point_back) of a hit whose content runs up to ``end``; None if empty."""
    m, text = doc.masked, doc.text
    p = hit.after
    denies = hit.cue_type in ("deny", "describe")
    polarity = "denies" if denies else "asserts"
    if hit.cue_type == "colon":
        whole = _whole_quote(doc, _skip(m, p, end, " \t\r\n"), end)
        return None if whole is None else ("direct", whole, polarity, False)
    if denies:
        back = _POINT_BACK_RE.fullmatch(m, p, end)
        if back is not None:
            return "indirect", _trim(text, p, end), polarity, True
    paren = _PAREN_RE.match(m, p, end)
    if paren is not None:
        p = paren.end()
    else:
        gap = _GAP_THAT_RE.match(m, p, end)
        if gap is not None and (text[hit.cue[0]:hit.cue[1]] in OBJECT_CUES  # type: ignore[index]
                                or gap.group("gap").split()[0].lower() in _GAP_WORDS):
            p = gap.end()
    that = _THAT_RE.match(m, p, end)
    if that is not None:
        p = that.end()
    if denies:
        claims = _CLAIMS_RE.match(m, p, end)
        if claims is not None:
            p = claims.end()
        elif hit.cue_type == "describe":
            return None            # "described as 'heroic' the soldiers": not a denial of anything
    p = _skip(m, p, end, " \t\r\n,:")
    if that is None and hit.cue_type in ("say", "continuation"):
        whole = _whole_quote(doc, p, end)
        if whole is not None:
            return "direct", whole, polarity, False
    content = _trim(text, p, end)
    if not _WORD_RE.search(text, content[0], content[1]):
        return None
    return hit.kind, content, polarity, False


# --------------------------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------------------------


def _speaker_pos(m: re.Match[str], group: str, max_words: int = 9) -> Pos | None:
    """The span of a speaker group if it reads as a noun phrase, else None."""
    s, e = m.span(group)
    if s < 0:
        return None
    # Symbols glued on by the sentence splitter ("🔥 The ministry") are not part of the name.
    while s < e and not (m.string[s].isalnum() or m.string[s] in "(['’"):
        s += 1
    while e > s and m.string[e - 1].isspace():
        e -= 1
    return (s, e) if _np_ok(m.string[s:e], max_words) else None


def _after_dateline(masked: str, start: int, end: int) -> int:
    """Where the unit's own words begin: after a wire dateline ("BAKU, Sept 13 (Reuters) - "), if any."""
    dateline = _DATELINE_RE.match(masked, start, end)
    return dateline.end() if dateline else start


def _with_appositive(m: re.Match[str], speaker: Pos | None, group: str) -> Pos | None:
    """The speaker with its appositive, "Shushan Stepanyan, the ministry's spokeswoman": the source span of
    PolNeAR and PARC, and what tells ActorRegistry.match whom an unknown name speaks for."""
    if speaker is None or m.start(group) < 0 or not _is_appositive(m.string, m.start(group)):
        return speaker             # ", at a later press gaggle," says where, not who
    return speaker[0], _trim(m.string, *m.span(group))[1]


def _speaker_with_appositive(text: str, lead: re.Match[str]) -> bool:
    """Whether "NAME, APPOSITIVE" before an inverted cue is a speaker rather than a content: a name and who it
    is ("Megan Hester, senior associate at ..."), or a title and a name ("The state's campaign chairman, Phil
    Lovas")."""
    name, appos = lead.group("name"), lead.group("appos")
    if _BARE_NAME_RE.fullmatch(appos):
        return _np_ok(name, 6)
    return name.split()[-1][:1].isupper() and _looks_like_name(name) and _is_appositive(text, lead.start("appos"))


def _looks_like_name(words: str) -> bool:
    """A capitalised name with at most two lower-case descriptors ("Conservative economist Aparna Mathur"), not a
    clause ("Prices rose sharply in March")."""
    lower = [w for w in words.split() if w[:1].islower()]
    return len(lower) <= 2 and not any(w in _NP_STOPWORDS or w in _TAIL_WORDS or w in _NOT_APPOSITIVE
                                       or w.endswith(("ly", "ed")) for w in lower)


def _is_appositive(text: str, start: int) -> bool:
    """Whether the aside at ``start`` says who the speaker is ("the ministry's spokeswoman", "senior associate at
    the institute", "R-Ky.") rather than where, when or how they spoke ("at a press gaggle", "speaking to ...")."""
    if _APPOSITIVE_START_RE.match(text, start) or _AGE_RE.match(text, start):
        return True
    first = _FIRST_WORD_RE.match(text, start)
    if first is None:
        return False
    word = first.group()
    if word[0].isupper():          # "House editor for the Cook Political Report", not "Tuesday" or "In March"
        return word not in _NOT_APPOSITIVE_NAMES and word not in _ADVERBIAL_STARTS
    return (word.islower() and word not in _NOT_APPOSITIVE and word not in _TAIL_WORDS
            and not word.endswith(("ing", "ly", "ed")))


def _np_ok(np: str, max_words: int) -> bool:
    words = np.split()
    if not words or len(words) > max_words or not any(ch.isalpha() for ch in np):
        return False
    low = [w.lower().strip("()[]'’.") for w in words]
    if low[0] in _NP_BAD_FIRST or low[-1] in _CONJUNCTIONS or any(w in _NP_STOPWORDS for w in low):
        return False
    if all(w in _DETERMINERS for w in low) or all(w in _ADVERBS for w in low):
        return False
    # A lower-case "-ed" word is most often a verb: "The army fired and the ministry said".
    return not any(w[:1].islower() and w.endswith("ed") and "-" not in w and w.lower() not in _NP_ED_OK
                   for w in words)


def _speaker_confidence(text: str, speaker: Pos) -> float:
    return CONF_WEAK if text[speaker[0]:speaker[1]].lower() in _PRONOUNS else CONF_CLEAR


def _skip(s: str, p: int, end: int, chars: str) -> int:
    while p < end and s[p] in chars:
        p += 1
    return p


def _only_punct(text: str, start: int, end: int) -> bool:
    return all(c.isspace() or c in _TRIM_PUNCT for c in text[start:end])


def _trim(text: str, start: int, end: int) -> Pos:
    """Drop surrounding spaces, final punctuation, and a closing quote that follows final punctuation
    ('was "neutralizing firing points."' → '...firing points', as the seed's gold reading does)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start:
        c = text[end - 1]
        if c.isspace() or c in _TRIM_PUNCT:
            end -= 1
        elif c in _CLOSE_Q and end - 2 >= start and text[end - 2] in _TRIM_PUNCT:
            end -= 1
        else:
            break
    return start, end


def _interior(text: str, qs: int, qe: int) -> Pos:
    return _trim(text, qs + 1, qe - 1)


def _whole_quote(doc: _Doc, start: int, end: int) -> Pos | None:
    """The trimmed interior when [start, end) is one quote (plus punctuation), else None."""
    start = _skip(doc.text, start, end, " \t\r\n")
    qe = doc.quote_end.get(start)
    if qe is None or qe > end or not _only_punct(doc.text, qe, end):
        return None
    interior = _interior(doc.text, start, qe)
    return interior if _WORD_RE.search(doc.text, interior[0], interior[1]) else None


def _finish(text: str, doc_id: str, raws: list[_Raw]) -> list[Statement]:
    """Order, number, resolve pointers back, and build the frozen records."""
    raws = sorted(raws, key=_Raw.order)
    out: list[Statement] = []
    last_attributed: Statement | None = None
    last_narrator: Statement | None = None
    for n, r in enumerate(raws, start=1):
        sid = f"{doc_id}:s{n:03d}"
        content, refers_to = r.content, None
        if r.point_back:
            target = last_attributed or last_narrator
            if target is not None:
                content, refers_to = (target.content.start, target.content.end), target.id
        region = r.region or r.content
        st = Statement(
            id=sid,
            doc_id=doc_id,
            kind=r.kind,  # type: ignore[arg-type]
            content=Span.of(text, *content),
            speaker=Span.of(text, *r.speaker) if r.speaker else None,
            cue=Span.of(text, *r.cue) if r.cue else None,
            polarity=r.polarity,  # type: ignore[arg-type]
            hedged=_HEDGE_RE.search(text, region[0], region[1]) is not None,
            side="narrator" if r.kind == "narrator" else None,
            confidence=r.confidence,
            refers_to=refers_to,
        )
        out.append(st)
        if r.kind == "narrator":
            last_narrator = st
        else:
            last_attributed = st
    return out
