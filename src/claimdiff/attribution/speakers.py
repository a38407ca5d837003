"""Speaker noun phrases for the attribution rules: whether a match reads as a speaker, its appositive
("Shushan Stepanyan, the ministry's spokeswoman") and how sure the rules are of it.
"""

from __future__ import annotations

import re

from claimdiff.attribution.cues import (CONF_CLEAR, CONF_WEAK, _ADVERBIAL_STARTS, _ADVERBS, _CONJUNCTIONS, _DETERMINERS,
                                        _NOT_APPOSITIVE, _NOT_APPOSITIVE_NAMES, _NP_BAD_FIRST, _NP_ED_OK, _NP_STOPWORDS,
                                        _PRONOUNS, _TAIL_WORDS)
from claimdiff.attribution.layout import Pos, _trim
from claimdiff.attribution.patterns import _AGE_RE, _APPOSITIVE_START_RE, _BARE_NAME_RE, _FIRST_WORD_RE
from claimdiff.times import MONTHS, WEEKDAYS

# --------------------------------------------------------------------------------------------------------------
# Speaker noun phrases and their appositives
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
    if (when := _LEADING_WHEN_RE.match(m.string, s, e)) is not None and _np_ok(m.string[when.end():e], max_words):
        s = when.end()  # "Earlier in the day Azerbaijan's defence ministry said": the ministry speaks
    if (anonymous := _ANONYMITY_CLAUSE_RE.search(m.string, s, e)) is not None and anonymous.start() > s:
        e = anonymous.start()  # "A resident who asked not to be named": the speaker is the phrase before it
    if _NAMED_BODY_RE.search(m.string, s, e):
        max_words += 4             # "the government's commission on prisoners of war and missing persons"
    return (s, e) if _np_ok(m.string[s:e], max_words) else None


# When (or while doing what) a speaker spoke, before it with no comma: "Late on Saturday he told", "Earlier this week
# the ministry said", "Speaking to reporters in Baku he said" (a participle's phrase only before a pronoun).
_WHEN_WORD = (r"(?:day|morning|afternoon|evening|night|week|weekend|month|year|hours?|noon|midnight|dawn|dusk"
              rf"|{'|'.join((*WEEKDAYS, *MONTHS))}|\d{{1,4}}(?:st|nd|rd|th)?|\d{{1,2}}[:.]\d\d)")
_LEADING_WHEN_RE = re.compile(
    r"(?:(?:(?:late|early|earlier|later)\s+)?(?:on|in|at|during|by|over|last|this|that|next)\s+"
    rf"(?:(?:the|a|that|this|last|next|same|following|previous)\s+)*(?:{_WHEN_WORD}\s+){{1,3}}"
    r"|(?:overnight|yesterday|today|tonight|earlier|later|meanwhile)\s+"
    rf"|(?:late|early|earlier|later)\s+(?:(?:that|this|last|next)\s+)?(?:{_WHEN_WORD}\s+){{1,2}}"
    r"|(?:speaking|responding|commenting|writing|addressing)\b[^,;:]{0,60}?\s+(?=(?:he|she|they|we)\s*$))",
    re.IGNORECASE)
# Why an unnamed speaker's name is not given, closing the speaker phrase ("a resident who asked not to be named
# told ...", "an official who spoke on condition of anonymity said"): the clause is no part of who speaks.
_ANONYMITY_CLAUSE_RE = re.compile(
    r"\s+who\s+(?:asked|spoke|declined|requested|did\s+not\s+want|was\s+not\s+authori[sz]ed|is\s+not\s+authori[sz]ed)"
    r"\b[^,;:]{0,60}$", re.IGNORECASE)
# A body named by what it deals with: its name may be longer than a speaker phrase usually is.
_NAMED_BODY_RE = re.compile(r"\b(?:commission|committee|council|ministry|department|office|agency|service|board"
                            r"|directorate|institute|centre|center)\s+(?:on|of|for)\s", re.IGNORECASE)


# "the State Commission on Prisoners of War, Hostages and Missing Persons said": a name holding a list, cut at its
# comma by the speaker patterns. The part before the comma ends on a capitalised word of a name ...
_NAME_BEFORE_LIST_RE = re.compile(r"(?:(?<=\s)|^)(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|on|for|and))*"
                                  r"\s+(?:of|on|for)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*,\s+$")
# ... and the speaker is the list's end: "Hostages and Missing Persons".
_LIST_END_RE = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+and\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")
# A speaker cut at the list's "and" ("Missing Persons") takes the item before it back.
_ITEM_BEFORE_AND_RE = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+and\s+$")


def _whole_name(text: str, speaker: Pos) -> Pos:
    """The speaker with the start of a name its list's comma cut off ("Hostages and Missing Persons" →
    "the State Commission on Prisoners of War, Hostages and Missing Persons")."""
    s, e = speaker
    item = _ITEM_BEFORE_AND_RE.search(text, max(0, s - 60), s) if text[s:s + 1].isupper() else None
    if item is not None:
        s = item.start()
    if not _LIST_END_RE.fullmatch(text, s, e):
        return speaker
    before = _NAME_BEFORE_LIST_RE.search(text, max(0, s - 120), s)
    return (before.start(), e) if before is not None else speaker


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


# An aside after a speaker that says how it was reached or why it is unnamed, or its name after what it is: "A
# resident of Paravakar, reached by telephone, said ...", "An official, who asked not to be named, said ...", "The
# region's power company, Artsakhenergo, said ...".
_SPEAKER_ASIDE_RE = re.compile(r"(?:who|reached|contacted|interviewed|speaking|writing)\b.*", re.DOTALL)


def _speaker_with_aside(lead: re.Match[str]) -> bool:
    """Whether "NAME, ASIDE" before ", said ..." is who speaks with an aside on how it spoke or its name (then the
    cue leads: "A resident of Paravakar, reached by telephone, said the shooting woke the village"), not a content
    ended by ", said X"."""
    name, aside = lead.group("name"), lead.group("appos").strip()
    if not _np_ok(name, 9) or not name[:1].isupper():
        return False
    if " " not in aside:
        return True  # a one-word name or adverb: "Artsakhenergo", "however"
    return _SPEAKER_ASIDE_RE.fullmatch(aside) is not None


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
