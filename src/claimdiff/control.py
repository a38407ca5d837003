"""Who holds the ground: accounts of the front line that cannot both hold.

"Azerbaijani units took control of strategic heights" and "all positions were held after Azerbaijani attacks
were repelled" tell one fight two ways, yet NLI models read them as neutral: neither sentence negates the
other's words. This module reads, with a few word frames (no model), what a content says of each side's
forces on the ground, and :func:`control_conflict` says when two contents of opposing sides tell opposite
things of one side (reason ``control`` in :func:`claimdiff.judge.judge`):

* **gained**: the side's forces took, seized, captured, took control of or advanced into ground, or ground is
  "now under the control of" them;
* **failed**: their attack was repelled, they were forced to retreat, withdrew or were pushed back, or they
  "had not entered" ground; and a side that held all its positions (or "control the front line") says the
  other side failed;
* **held**: the side kept its positions ("continue to hold the heights"), which clashes with its having fallen
  back (withdrawn, pushed back), not with its having gained ground nor with an attack of its being repelled.

Whose forces: a demonym or country ("Azerbaijani units", "Armenia's forces"), the speaker's own once
:meth:`claimdiff.actors.ActorRegistry.reading` has read "its"/"our" as the speaker's country, and "the enemy"
as the other statement's side. A frame without an owner ("the attack had been repelled", "all positions were
held") is the speaker's side holding against the other. A content that says both of one side (took one height,
was pushed back from another) says nothing of it here. Two contents that name different places ("in Tovuz" /
"near Goris") or different days are not compared, as with figures in :mod:`claimdiff.numbers`.

Example:
    >>> ground_claims("Azerbaijan's forces had seized several strategic heights", "azerbaijan", "armenia")
    {'azerbaijan': 1}
    >>> control_conflict("Azerbaijani units took control of strategic heights", "azerbaijan",
    ...                  "all positions were held after Azerbaijani attacks were repelled", "armenia")
    'azerbaijan: gained vs failed'
"""

from __future__ import annotations

import re

from claimdiff._content_cache import content_cache
from claimdiff.numbers import different_scenes
from claimdiff.pack import Pack, pack_or_default

__all__ = ["control_conflict", "ground_claims"]

# What a content tells of one side's forces: gained ground, held its own, failed to gain (an attack repelled), or
# fell back (withdrew, pushed back). Holding clashes with falling back only: an attack repelled leaves the
# attacker's own positions where they were.
GAINED, HELD, FAILED, FELL_BACK = 1, 2, -1, -2
_TOLD = {GAINED: "gained", HELD: "held", FAILED: "failed", FELL_BACK: "fell back"}

_FORCES = (r"(?:(?:armed\s+|special\s+|regular\s+)?(?:forces|troops|units|army|soldiers|servicemen|military"
           r"|formations|detachments|fighters|side|Army|Defen[cs]e\s+Army))")
# Whose forces: a capitalised country word ("Azerbaijani", "Armenia's"), the enemy, or a possessive pronoun
# that reading() did not resolve (it stays the speaker's side). "the" may stand before it.
_OWNER = rf"(?:[Tt]he\s+)?(?P<owner>[A-Z][a-z]+(?:['’]s)?|enemy(?:['’]s)?|our|its|their)"
_SUBJECT = rf"\b(?:(?:[Uu]nits|[Ff]orces|[Tt]roops|[Ss]oldiers)\s+of\s+)?{_OWNER}(?:\s+[a-z-]+)?(?:\s+{_FORCES})?"
_AUX = r"(?:\s+(?:have|has|had|were|was|are|is|now|also|reportedly|since|then|already|successfully|been))*"
_GAIN_VERB = (r"(?:took|taken|seized|captured|liberated|occupied|advanced\s+(?:into|on|deep)|entered|crossed"
              r"|gained\s+control|established\s+control|broke\s+through)")
_FAIL_VERB = (r"(?:retreated|withdrew|withdrawn|pulled\s+back|fled|were\s+forced\s+to\s+(?:retreat|withdraw|pull\s+back)"
              r"|was\s+forced\s+to\s+(?:retreat|withdraw|pull\s+back)|(?:were|was|been)\s+(?:pushed|driven|thrown|beaten)\s+back)")
# "stopped" and "halted" are not here: an offensive that was stopped may have taken ground first.
_REPEL = r"(?:repelled|repulsed|thwarted|foiled|beaten\s+back|pushed\s+back|driven\s+back)"
_ATTACK = r"(?:attacks?|offensive|assaults?|advance|attempts?|incursion|provocation)"

# (pattern, whom it speaks of, what it says of them). Whom: "owner", the side its owner group names; "other", the
# side the speaker fought off; "holder", the side that kept its ground (the owner, else the speaker), which also
# says the side it held against failed.
_FRAMES: tuple[tuple[re.Pattern[str], str, int], ...] = (
    # "Azerbaijani units took control of ...", "Armenia's forces had seized ...", "Azerbaijan has occupied ..."
    (re.compile(rf"{_SUBJECT}{_AUX}\s+{_GAIN_VERB}\b"), "owner", GAINED),
    # "Azerbaijani troops had not entered the territory of Armenia"
    (re.compile(rf"{_SUBJECT}{_AUX}\s+(?:not|never)\s+(?:been\s+)?(?:taken|seized|captured|entered|crossed"
                rf"|advanced|occupied|take|seize|capture|enter|cross|advance|occupy)\b"), "owner", FAILED),
    # "... was now under the control of the Azerbaijani Army"
    (re.compile(rf"\bunder\s+(?:the\s+)?(?:full\s+)?control\s+of\s+{_OWNER}"), "owner", GAINED),
    # "Armenian units ... were forced to retreat", "Azerbaijani units had withdrawn from the heights"
    (re.compile(rf"{_SUBJECT}{_AUX}(?:\s+[^.;:]{{0,100}}?\s+(?:but|and)\s+)?\s*{_FAIL_VERB}"), "owner", FELL_BACK),
    # "Azerbaijani attacks were repelled", "the enemy's offensive was halted"
    (re.compile(rf"\b{_OWNER}\s+(?:[a-z-]+\s+)?{_ATTACK}\s+(?:\w+\s+){{0,2}}?(?:was|were|had\s+been|have\s+been"
                rf"|has\s+been)\s+(?:successfully\s+)?{_REPEL}"), "owner", FAILED),
    # "repelling Azerbaijani attacks", "repulsed an enemy offensive"
    (re.compile(rf"\b(?:repell?(?:ed|ing)|repuls(?:ed|ing)|thwart(?:ed|ing)|beat(?:ing)?\s+back)\s+"
                rf"(?:an?\s+|all\s+|several\s+|the\s+|repeated\s+)?{_OWNER}\s+(?:[a-z-]+\s+)?{_ATTACK}"),
     "owner", FAILED),
    # "The enemy has been pushed back", "pushed the enemy back"
    (re.compile(rf"\b(?:pushed|drove|driven|forced|threw|thrown)\s+(?:the\s+)?(?P<owner>enemy)\s+back\b"),
     "owner", FAILED),
    # no owner: "the attack had been repelled", "pushed them back" (the speaker's side fought it off)
    (re.compile(rf"\b(?:the|an|all|every|this)\s+(?:[a-z-]+\s+)?{_ATTACK}\s+(?:was|were|had\s+been|have\s+been"
                rf"|has\s+been)\s+(?:successfully\s+)?{_REPEL}"), "other", FAILED),
    (re.compile(r"\bpushed\s+them\s+back\b"), "other", FAILED),
    # the speaker's side (or the owner's) held: "all positions were held", "continue to hold the heights",
    # "our forces control the front line", "no positions were lost"
    (re.compile(r"\b(?:all|our|its)\s+(?:[a-z-]+\s+)?positions\s+(?:were|are|had\s+been|have\s+been|remain(?:ed)?)"
                r"\s+(?:held|intact|unchanged|under\s+(?:our\s+|its\s+|their\s+|full\s+)?control)"), "holder", HELD),
    (re.compile(r"\bno\s+(?:positions?|ground|territory)\s+(?:was|were|had\s+been|has\s+been|have\s+been)\s+lost"),
     "holder", HELD),
    (re.compile(rf"(?:{_SUBJECT}\s+)?(?:continued?\s+to\s+|still\s+)?(?:hold|holds|holding|held|retain(?:ed|s)?"
                rf"|maintain(?:ed|s)?|keep|kept|control(?:s)?(?!\s+of\b))\s+(?:all\s+)?(?:(?:their|its|our|the)\s+)?"
                rf"(?:[\w-]+\s+)?(?:positions|front\s+line|line\s+of\s+contact|heights)\b"), "holder", HELD),
)
_NEGATION = re.compile(r"\b(?:not|never|n't|no\s+longer|failed\s+to|unable\s+to)\s+(?:\w+\s+){0,2}$")


def _side_of(word: str | None, pack: Pack, speaker: str, other: str) -> str | None:
    """The side whose forces ``word`` names, or ``None`` when it names none ("The", "Lalatapa")."""
    if word is None:
        return speaker
    w = re.sub(r"['’]s$", "", word).lower()
    if w == "enemy":
        return other
    if w in ("our", "its", "their"):
        return speaker
    side = pack.demonyms.get(w, w)
    return side if side in {speaker, other} | {s.id for s in pack.sides} else None


def ground_claims(text: str, speaker: str, other: str, pack: Pack | None = None) -> dict[str, int]:
    """Side → +1 (its forces gained ground) or -1 (they failed or fell back), as ``text`` tells it; sides told
    both ways are left out. ``speaker`` is the side of whoever says ``text``, ``other`` the side it is compared
    with (who "the enemy" is)."""
    return dict(_ground(text, speaker, other, pack_or_default(pack)))


@content_cache  # pure; the judge asks it about one content in each of its pairs
def _ground(text: str, speaker: str, other: str, pack: Pack) -> tuple[tuple[str, int], ...]:
    told: dict[str, set[int]] = {}
    read: set[int] = set()  # where the frames read so far end (at their verb): a later frame does not read it again
    for pattern, whose, sign in _FRAMES:
        for m in pattern.finditer(text):
            if m.end() in read:
                continue
            if sign == GAINED and whose == "owner" and _NEGATION.search(text, 0, m.start()):
                continue  # "had not taken": the negative frame reads it
            side = _side_of(m.groupdict().get("owner"), pack, speaker, other)
            if side is None and whose == "holder":
                side = speaker  # "Units of the Army continue to hold": no country named, the speaker's own
            if side is None:
                continue
            read.add(m.end())
            if whose == "other":
                side = other
            elif whose == "holder":
                # the holder kept its ground, so the side it held against failed
                told.setdefault(side, set()).add(sign)
                side, sign = (other if side == speaker else speaker), FAILED
            told.setdefault(side, set()).add(sign)
    readings = ((side, _one_reading(signs)) for side, signs in told.items())
    return tuple((side, told_of) for side, told_of in readings if told_of is not None)


def _one_reading(signs: set[int]) -> int | None:
    """What a content tells of one side, all frames together: told both ways, nothing; gained and held, gained;
    failed and fell back, fell back."""
    # The lower value is the stronger reading of each sign: gained before held, fell back before failed.
    return None if min(signs) < 0 < max(signs) else min(signs)


def _clash(x: int, y: int) -> bool:
    """Gained or held against failed or fell back, except held against failed."""
    return (x > 0) != (y > 0) and {x, y} != {HELD, FAILED}


def control_conflict(a_text: str, a_side: str, b_text: str, b_side: str, pack: Pack | None = None) -> str | None:
    """What two contents of opposing sides tell oppositely of one side's forces ("azerbaijan: gained vs
    failed"), or ``None``. Contents about different places or days are not compared."""
    pack = pack_or_default(pack)
    # Most contents tell nothing of the ground: read the frames first, places and days only when both tell some.
    a_claims = dict(_ground(a_text, a_side, b_side, pack))
    if not a_claims:
        return None
    b_claims = dict(_ground(b_text, b_side, a_side, pack))
    clash = next((side for side, sign in a_claims.items()
                  if side in b_claims and _clash(sign, b_claims[side])), None)
    if clash is None:
        return None
    if different_scenes(a_text, b_text, pack):
        return None
    return f"{clash}: {_TOLD[a_claims[clash]]} vs {_TOLD[b_claims[clash]]}"
