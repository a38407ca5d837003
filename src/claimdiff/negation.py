"""Denials written as assertions: "The Armenian Armed Forces did not fire at Tartar" is said, not denied, yet it
denies what the other side asserts ("Armenian forces fired rockets into a residential district").

An NLI model reads such a pair as neutral far too often: the negated sentence and the claim share little wording,
and "did not fire at Tartar" does not contradict "fired rockets into a residential district" word for word. Read
as a denial, the question becomes the one :func:`claimdiff.judge.judge` asks of every denial: does the claim entail
what is denied? :func:`negated_claim` gives what a negated main clause denies, as its claim would say it ("The
Armenian Armed Forces did fire at Tartar"), and ``None`` when the clause is not negated, or negated only after a
subordinate word ("Baku said the troops that had not withdrawn ...") or in a comparison ("no more than 50,000").

Example:
    >>> negated_claim("The Armenian Armed Forces did not fire at Tartar or at any other settlement")
    'The Armenian Armed Forces did fire at Tartar or at some other settlement'
    >>> negated_claim("There is no blockade of the Lachin road")
    'There is some blockade of the Lachin road'
    >>> negated_claim("Not a single civilian was hurt in the strike")
    'At least one civilian was hurt in the strike'
    >>> negated_claim("the population was no more than 50,000") is None
    True
"""

from __future__ import annotations

import re

from claimdiff.actors import affirmative

__all__ = ["negated_claim"]

#: Words before which a negation belongs to a clause inside the content, not to what the speaker says: "the unit
#: that had not withdrawn", "because no convoy came".
_SUBORDINATE = re.compile(
    r"\b(?:that|which|who|whom|whose|because|since|after|before|when|whenever|while|if|unless|although|though|"
    r"until|as|where|but|whether|than)\b", re.IGNORECASE)
#: Negated phrases that compare or restrict rather than deny ("no more than 50,000", "not only", "no longer").
_NOT_A_DENIAL = re.compile(
    r"(?:\w+\s*)?(?:no|not|never|cannot|nothing|none|n['\u2019]t)\s+(?:more|less|fewer|later|earlier|sooner|longer|"
    r"only|least|doubt|but|except|other|(?:be\s+)?ruled\s+out|rule\s+out|(?:be\s+)?excluded)\b", re.IGNORECASE)
# "did not fire" -> "did fire", "had never fired" -> "had fired", "cannot" -> "can".
_AUXILIARY = re.compile(
    r"\b(?P<aux>did|does|do|had|has|have|was|were|is|are|could|can|would|will|should|must)"
    r"(?:\s+(?:not|never)\b|n['\u2019]t\b)(?P<also>\s+(?:ever|yet|once))?", re.IGNORECASE)
_CANNOT = re.compile(r"\bcannot\b", re.IGNORECASE)
# "never fired" -> "fired".
_NEVER = re.compile(r"\bnever\s+", re.IGNORECASE)
# "No soldier", "not a single shell", "none of the villages", "nothing", "no one" -> their affirmative words.
_DETERMINER = re.compile(
    r"\b(?P<det>not\s+(?:a\s+single|one|a)|no\s+one|nobody|nothing|none\s+of|no)\b", re.IGNORECASE)
_AFFIRMED = {"not a single": "at least one", "not one": "at least one", "not a": "a", "no one": "someone",
             "nobody": "somebody", "nothing": "something", "none of": "some of", "no": "some"}
#: A negation this many words or more into the content is no longer its main clause's.
_MAX_WORDS_BEFORE = 16


def negated_claim(text: str) -> str | None:
    """What a content with a negated main clause denies, said affirmatively; ``None`` when it denies nothing.

    The first negation counts, when no subordinate word comes before it and fewer than 16 words do.
    Negative-polarity words after it are swapped as in :func:`claimdiff.actors.affirmative` ("any" -> "some").
    """
    matches = [m for m in (_AUXILIARY.search(text), _CANNOT.search(text), _NEVER.search(text),
                           _DETERMINER.search(text)) if m]
    if not matches:
        return None
    first = min(matches, key=lambda m: m.start())
    before = text[: first.start()]
    if (_SUBORDINATE.search(before) or len(before.split()) >= _MAX_WORDS_BEFORE
            or _NOT_A_DENIAL.match(text, first.start())):
        return None
    if first.re is _AUXILIARY:
        word = first["aux"]
    elif first.re is _CANNOT:
        word = "can"
    elif first.re is _NEVER:
        word = ""
    else:
        word = _AFFIRMED[" ".join(first["det"].lower().split())]
        if first.start() == 0 or text[: first.start()].rstrip().endswith((".", ":")):
            word = word.capitalize()
    rest = text[first.end():]
    claim = f"{before}{word}{rest}" if word else before + rest.lstrip()
    return affirmative(re.sub(r"\s{2,}", " ", claim).strip())
