"""Statements of two sides at once, one per side: "Armenia and Azerbaijan accused each other of starting the
clash" is Armenia's accusation and Azerbaijan's, "Both sides reported sporadic fire" each side's report.

Resolution leaves such a statement without a side (its speaker names two); :func:`split_joint` then writes it as
one statement per side, each with the same spans, that side's actor when a conjunct names one ("Baku and
Yerevan": AZ.GOV and AM.GOV) and half the confidence, as a side found without an actor has. Each side's reading
of "each other" is its opponent (:meth:`~claimdiff.actors.ActorRegistry.reading`), so each part is judged against
the other side's own statements like any other. The NLI judge does not read the two parts against each other
(the same words: pairing skips them), but the stances may set them against each other as counterclaims
("Armenia and Azerbaijan accused each other of attacking": one supports "Azerbaijan attacked", one opposes it).

Example:
    >>> from claimdiff import extract
    >>> [(s.id, s.actor, s.side) for s in extract("Baku and Yerevan accused each other of breaking the truce.")]
    [('doc0:s001.1', 'AZ.GOV', 'azerbaijan'), ('doc0:s001.2', 'AM.GOV', 'armenia')]
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from claimdiff.actors import ActorRegistry
from claimdiff.records import Statement
from claimdiff.resolve.resolution import CONJUNCTS, _head, _is_party, _side_named

#: Confidence kept by each side's part of a joint statement (as for a side found without an actor).
CONF_JOINT = 0.5

# The two parties named together: "the two sides", "both governments", "each side", "the parties".
_BOTH_PARTIES = re.compile(r"(?:the\s+)?(?:(?:two|both)\s+(?:sides|countries|governments|parties|capitals|armies"
                           r"|militaries|leaders|defen[cs]e\s+ministries|foreign\s+ministries)|each(?:\s+side)?"
                           r"|both|parties)", re.IGNORECASE)


def joint_sides(mention: str, registry: ActorRegistry) -> list[tuple[str, str | None]]:
    """(side, actor id or None) of each party a speaker mention names together, in its order; [] when it names
    fewer than two different sides.

    Example:
        >>> reg = ActorRegistry.default()
        >>> joint_sides("Armenian and Azerbaijani officials", reg)
        [('armenia', 'AM.GOV'), ('azerbaijan', 'AZ.GOV')]
        >>> joint_sides("the European Union and Russia", reg)
        [('eu', 'EU'), ('russia', 'RU.GOV')]
        >>> joint_sides("Armenian officials", reg)
        []
    """
    head = _head(mention)
    if _BOTH_PARTIES.fullmatch(head):
        return [(side, None) for side in _the_two_parties(registry)]
    found: list[tuple[str, str | None]] = []
    parts = [p.strip() for p in CONJUNCTS.split(head) if p.strip()]
    for part in parts:
        if " " not in part and registry.side_of_demonym(part) is not None and " " in parts[-1]:
            # "Armenian and Azerbaijani officials": the noun after the last demonym is every demonym's
            part = f"{part} {parts[-1].split(maxsplit=1)[1]}"
        match = registry.match(part)
        if match is not None and match[1] >= 1.0:
            found.append((match[0].side, match[0].id))
        elif (side := _side_named(part, registry) or registry.side_of_demonym(part.split()[0])) is not None:
            found.append((side, None))
        else:
            return []  # a part that names no side: not a statement of sides
    return found if len({side for side, _ in found}) == len(found) >= 2 else []


def _the_two_parties(registry: ActorRegistry) -> list[str]:
    """The two sides of a pack whose parties are one pair that oppose each other; [] for any other pack."""
    parties = [side for side in registry.sides if _is_party(side, registry)]
    return parties if len(parties) == 2 else []


def split_joint(statements: Iterable[Statement], registry: ActorRegistry | None = None) -> list[Statement]:
    """The resolved statements of one document with each statement of two sides at once (see the module doc) as
    one statement per side, ids ``f"{id}.{n}"``; every other statement as it is, in order."""
    reg = registry if registry is not None else ActorRegistry.default()
    out: list[Statement] = []
    split: dict[str, list[Statement]] = {}
    for s in statements:
        parts = (joint_sides(s.speaker.text, reg)
                 if s.kind != "narrator" and s.side is None and s.speaker is not None else [])
        if not parts:
            out.append(s)
            continue
        split[s.id] = [dataclasses.replace(s, id=f"{s.id}.{n}", side=side, actor=actor,
                                           confidence=round(s.confidence * CONF_JOINT, 4))
                       for n, (side, actor) in enumerate(parts, 1)]
        out.extend(split[s.id])
    if not split:
        return out
    # "... accused each other of X. Yerevan rejected the accusation": the denial points back at its opponent's part.
    return [dataclasses.replace(s, refers_to=_part_denied(s, split[s.refers_to], reg))
            if s.refers_to in split else s for s in out]


def _part_denied(statement: Statement, parts: list[Statement], registry: ActorRegistry) -> str:
    return next((p.id for p in parts if registry.opposes(statement.side, p.side)), parts[0].id)
