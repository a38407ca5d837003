"""How the news spells a name: folding typographic variants, the lookup key of a mention, and the pattern that
finds every spelling of an alias. Used by :class:`claimdiff.actors.ActorRegistry` and :mod:`claimdiff.resolve`.

Example:
    >>> normalize_mention("The Armenia’s Defence-Ministry")
    'armenia defense ministry'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["alias_pattern", "fold", "is_acronym", "normalize_mention"]

# Length-preserving folding, so that offsets found in folded text are offsets into the original.
_FOLD_TABLE = {
    **dict.fromkeys(map(ord, "\u2019\u2018\u02bc`\u00b4\u2032"), "'"),
    **dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-"),
    ord("\u0131"): "i",  # dotless i (Turkish, Azerbaijani): "Dargahlı"
    ord("\u0259"): "a", ord("\u018f"): "A",  # schwa: "Əliyev" is written "Aliyev" in English
    ord("\u0142"): "l", ord("\u0141"): "L", ord("\u00f8"): "o", ord("\u00d8"): "O", ord("\u0111"): "d",
}
_STRIP_CHARS = " \t\r\n\"'.,;:!?()[]{}\u00ab\u00bb\u201c\u201d\u201e-"


def fold(text: str) -> str:
    """Fold typographic variants without changing the length: curly apostrophes, dashes, diacritics.

    Example:
        >>> fold("Çavuşoğlu’s")
        "Cavusoglu's"
    """
    if text.isascii():
        return text
    out = []
    for ch in text.translate(_FOLD_TABLE):
        if not ch.isascii():
            base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            if len(base) == 1:
                ch = base
        out.append(ch)
    return "".join(out)


_RECOGNITION = re.compile(
    r"(?i)^(?:unrecogni[sz]ed|self\s+(?:proclaimed|styled|declared)|breakaway|so\s+called)\s+(?=\S)")


def normalize_mention(text: str, cased: bool = False) -> str:
    """The lookup key of a mention: folded, lower-cased (unless ``cased``), spelling and possessives unified.

    "Defence"/"Defense", hyphens and spaces, a possessive "'s" and a leading "the" all give the same key.

    Example:
        >>> normalize_mention("The Armenian Defence Ministry")
        'armenian defense ministry'
        >>> normalize_mention("Armenia’s defence-ministry")
        'armenia defense ministry'
        >>> normalize_mention("the unrecognised Nagorno-Karabakh Republic")
        'nagorno karabakh republic'
    """
    s = fold(text)
    if not cased:
        s = s.lower()
    s = s.replace("-", " ")
    s = re.sub(r"'s\b", "", s, flags=re.IGNORECASE)
    s = re.sub(r"(?<=s)'(?=\s|$)", "", s)
    s = re.sub(r"(?i)(defen)c(e)", r"\1s\2", s)
    s = re.sub(r"(?i)(organi)s(ation)", r"\1z\2", s)
    s = " ".join(s.split()).strip(_STRIP_CHARS)
    s = re.sub(r"(?i)^the\s+", "", s)
    # "the unrecognised Nagorno-Karabakh Republic", "the self-proclaimed ...": how a writer regards an entity does not
    # change which one it is.
    s = _RECOGNITION.sub("", s)
    return " ".join(s.split()).strip(_STRIP_CHARS)


def is_acronym(alias: str) -> bool:
    # "US", "UN", "APA": written in capitals, so matched only in capitals ("told us" is not the US).
    letters = [c for c in alias if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def alias_pattern(alias: str) -> str:
    """A regex (over folded text) for every spelling of ``alias`` that normalises to the same key."""
    tokens = [t for t in re.split(r"[\s\-]+", fold(alias).strip(_STRIP_CHARS)) if t]
    if len(tokens) > 1 and tokens[0].lower() == "the":
        tokens = tokens[1:]
    parts = []
    for tok in tokens:
        core = re.sub(r"'s$|(?<=s)'$", "", tok)
        pat = re.escape(core)
        pat = re.sub(r"(?i)(defen)[cs](e)", r"\1[cs]\2", pat)
        pat = re.sub(r"(?i)(organi)[sz](ation)", r"\1[sz]\2", pat)
        parts.append(pat + r"(?:'s|(?<=s)')?")
    return r"[\s\-]+".join(parts)
