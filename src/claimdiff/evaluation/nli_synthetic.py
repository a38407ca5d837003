"""Synthetic conflict-news NLI pairs that teach the model who did what to whom.

A MiniLM cross-encoder trained on SNLI-style data reads "Azerbaijan had invaded Armenia" as entailing
"Armenia attacked Azerbaijan": it matches words, not roles. These template pairs make the roles decide:

* the attacker and the attacked as written (active, passive, "came under fire from") → *entailment*;
* the roles swapped → *neutral* (the premise says nothing about the other side firing);
* a third country as the attacker → *neutral*;
* the attack negated, or a premise that denies it → *contradiction*;
* a casualty figure repeated (digits or words) → *entailment*, a different figure → *contradiction*.

A second generator, :func:`calm_pairs`, teaches the other half of roles: a report that names both sides for
anything but fighting (talks, prisoner swaps, aid, troop moves, warnings, blame for failed talks) says nothing
about who attacked whom, so every attack proposition is *neutral* to it, while its own gist is *entailed* and its
negation *contradicted*. Models trained without such rows read any two-sided report as evidence about an attack.

The templates are written from general news phrasing. An earlier ``context_pairs`` generator and four attack
templates were the seed article's sentences with names swapped; they were removed (issue 14), and the shipped
MiniLM model, trained before that, still saw them (its card says what that means for its seed figures).

Validation rows use countries, places and days that never occur in training rows, so the validation figure
measures roles, not memorised names. Generation is deterministic for a seed.

Example:
    >>> rows = list(conflict_pairs())
    >>> {label for _, _, label, _ in rows} == {"entailment", "neutral", "contradiction"}
    True
"""

from __future__ import annotations

import random
from collections.abc import Iterator

__all__ = ["calm_pairs", "conflict_pairs"]

# (country, adjective). Validation countries never appear in training rows.
TRAIN_COUNTRIES = [
    ("Armenia", "Armenian"), ("Azerbaijan", "Azerbaijani"), ("Russia", "Russian"), ("Ukraine", "Ukrainian"),
    ("Israel", "Israeli"), ("Lebanon", "Lebanese"), ("India", "Indian"), ("Pakistan", "Pakistani"),
    ("Ethiopia", "Ethiopian"), ("Eritrea", "Eritrean"), ("Sudan", "Sudanese"), ("Chad", "Chadian"),
    ("Serbia", "Serbian"), ("Syria", "Syrian"), ("Turkey", "Turkish"), ("Georgia", "Georgian"),
    ("Iran", "Iranian"), ("Iraq", "Iraqi"), ("Somalia", "Somali"), ("Colombia", "Colombian"),
    ("Venezuela", "Venezuelan"), ("Thailand", "Thai"), ("Cambodia", "Cambodian"), ("China", "Chinese"),
]
VALIDATION_COUNTRIES = [
    ("Kyrgyzstan", "Kyrgyz"), ("Tajikistan", "Tajik"), ("Peru", "Peruvian"), ("Ecuador", "Ecuadorian"),
    ("Rwanda", "Rwandan"), ("Uganda", "Ugandan"), ("Yemen", "Yemeni"), ("Moldova", "Moldovan"),
]
TRAIN_PLACES = ["Goris", "Jermuk", "Sotk", "Tovuz", "Kelbajar", "Avdiivka", "Kherson", "Metula", "Poonch",
                "Badme", "Zalambessa", "Kursk", "Latakia", "Afrin", "Tskhinvali", "Preah Vihear", "Mosul",
                "Kismayo", "Cucuta", "Abyei"]
VALIDATION_PLACES = ["Batken", "Isfara", "Vorukh", "Tumbes", "Gisenyi", "Kasese", "Marib", "Tiraspol"]
TRAIN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday"]
VALIDATION_DAYS = ["Friday", "Saturday", "Sunday"]

# A attacked B, in the words of news reports.
ATTACKS = [
    "{Aa} forces shelled {Ba} positions near {P}.",
    "{Aa} troops opened fire on {Ba} border posts near {P} overnight.",
    "{A} launched a large-scale offensive against {B} on {D}.",
    "{Aa} drones hit a {Ba} ammunition depot near {P}.",
    "The {Aa} army attacked {Ba} positions along the border on {D}.",
    "{Aa} units tried to advance into {Ba} territory near {P}.",
    "{Aa} forces invaded {B} early on {D}.",
    "{Ba} positions near {P} came under intense {Aa} artillery fire.",
    "{Ba} villages were shelled by {Aa} forces on {D}.",
    "{B} was attacked by {A} on {D}.",
    "{Ba} border guards near {P} were fired on from the {Aa} side.",
    "{Ba} forces are repelling an offensive by {Aa} troops near {P}.",
    "The {Ba} town of {P} has been under {Aa} fire since {D} morning.",
    "{Aa} missiles struck the {Ba} town of {P} on {D}.",
]
# The premise denies that A attacked B.
DENIALS = [
    "{A} did not attack {B}.",
    "Reports that {Aa} forces shelled {Ba} positions near {P} are false.",
    "{Aa} forces did not open fire on {Ba} positions near {P}.",
    "Claims that {A} invaded {B} are absurd and untrue.",
]
ENTAILED = ["{A} attacked {B}.", "{Aa} forces attacked {B}.", "{B} came under attack from {A}.",
            "{A} fired on {Ba} targets.", "The {Aa} side attacked."]
SWAPPED = ["{B} attacked {A}.", "{Ba} forces attacked {A}.", "{A} came under attack from {B}.",
           "{B} fired on {Aa} targets.", "The {Ba} side attacked.", "{B} invaded {A}."]
NEGATED = ["{A} did not attack {B}.", "{Aa} forces have not fired at {Ba} positions.",
           "No {Aa} attack on {B} took place.", "{B} did not come under {Aa} fire."]
THIRD = ["{C} attacked {B}.", "{Ca} forces attacked {B}."]

CASUALTIES = [
    "{N} {Ba} soldiers were killed in the {Aa} shelling of {P}.",
    "{Aa} shelling of {P} killed {N} civilians on {D}.",
    "{N} {Ba} servicemen died when {Aa} drones struck their positions near {P}.",
]
SAME_FIGURE = ["{N2} people were killed near {P}.", "{Aa} fire killed {N2} people.", "People were killed near {P}."]
OTHER_FIGURE = ["{M} people were killed near {P}.", "{Aa} fire killed {M} people."]
NO_VICTIMS = ["Nobody was killed near {P}.", "There were no casualties near {P}."]

# Two-sided reports of anything but an attack: (premise, its gist, the gist denied). Written from general
# wire-news phrasing of diplomacy, prisoners, aid, troop movements and warnings.
CALM = [
    ("{A} and {B} agreed on {D} to exchange prisoners held since the last round of fighting.",
     "{A} and {B} reached an agreement.", "{A} and {B} failed to reach any agreement."),
    ("The foreign ministers of {A} and {B} held talks in {C} on {D}.",
     "Officials of {A} and {B} met.", "Officials of {A} and {B} have not met."),
    ("{A} asked {C} to send observers to its border with {B}.",
     "{A} made a request to {C}.", "{A} made no request to {C}."),
    ("{Aa} officials said they were ready to resume negotiations with {B}.",
     "{A} is willing to negotiate with {B}.", "{A} refuses to negotiate with {B}."),
    ("{A} handed over the remains of soldiers to {Ba} officials near {P} on {D}.",
     "Remains were handed over near {P}.", "No remains were handed over."),
    ("{A} sent humanitarian aid to families displaced from {P}.",
     "{A} sent aid.", "{A} sent no aid."),
    ("{A} summoned the {Ba} ambassador on {D} over remarks by {Ba} officials.",
     "The {Ba} ambassador was summoned.", "No diplomat was summoned."),
    ("The {Aa} president spoke by phone with the {Ba} leader on {D}.",
     "The leaders of {A} and {B} spoke.", "The leaders of {A} and {B} have not spoken."),
    ("{A} moved additional troops and armour to its border with {B}.",
     "{A} reinforced its border.", "{A} withdrew troops from its border."),
    ("{A} warned {B} against any attempt to change the line of contact near {P}.",
     "{A} issued a warning to {B}.", "{A} issued no warning."),
    ("{A} blamed {B} for the collapse of talks on the border commission.",
     "Talks between {A} and {B} collapsed.", "Talks between {A} and {B} succeeded."),
    ("A truce between {A} and {B} has largely held since {D}, local residents near {P} said.",
     "The truce has largely held.", "The truce broke down on {D}."),
    ("{C} offered to host a meeting between the leaders of {A} and {B}.",
     "{C} offered to host talks.", "{C} refused to host talks."),
    ("{Aa} and {Ba} border guards held a joint meeting near {P} to discuss grazing rights.",
     "Border guards of both countries met near {P}.", "The border guards did not meet."),
    ("{A} reopened its border crossing with {B} near {P} to freight traffic on {D}.",
     "The crossing near {P} reopened.", "The crossing near {P} stayed closed."),
    ("{A} accused {B} of spreading disinformation about the situation near {P}.",
     "{A} made an accusation against {B}.", "{A} praised {B}."),
    ("{Aa} troops held military exercises with {C} near the border with {B}.",
     "{A} held exercises with {C}.", "{A} cancelled its exercises with {C}."),
    ("{A} released {N} {Ba} detainees on {D} as a goodwill gesture.",
     "{A} released detainees.", "{A} released nobody."),
    ("The situation on the border between {A} and {B} remained tense but calm on {D}.",
     "The border stayed calm on {D}.", "Heavy fighting raged on the border on {D}."),
    ("{A} called on the United Nations to send a mission to the area near {P}.",
     "{A} wants a UN mission.", "{A} opposes a UN mission."),
    ("{Aa} and {Ba} deputy prime ministers discussed reopening transport links on {D}.",
     "Transport links were discussed.", "Transport links were not discussed."),
    ("{A} said it had recorded no ceasefire violations by {B} over the past day.",
     "{A} recorded no violations.", "{A} recorded dozens of violations by {B}."),
]
# Attack propositions a calm report says nothing about, in both directions.
CALM_NEUTRAL = ENTAILED + SWAPPED + ["{A} did not attack {B}."]

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_words(n: int) -> str:
    """0–99 in words ("forty-nine"), the way news spells small figures."""
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")


def _fill(template: str, slots: dict[str, str]) -> str:
    text = template.format(**slots)
    return text[0].upper() + text[1:]


def _draw_slots(rng: random.Random, held_out: bool) -> dict[str, str]:
    """Three countries (A, B, C with adjectives), a place and a day, from the held-out lists for validation."""
    countries = VALIDATION_COUNTRIES if held_out else TRAIN_COUNTRIES
    (a, aa), (b, ba), (c, ca) = rng.sample(countries, 3)
    return {"A": a, "Aa": aa, "B": b, "Ba": ba, "C": c, "Ca": ca,
            "P": rng.choice(VALIDATION_PLACES if held_out else TRAIN_PLACES),
            "D": rng.choice(VALIDATION_DAYS if held_out else TRAIN_DAYS)}


def conflict_pairs(seed: int = 13, premises: int = 4000) -> Iterator[tuple[str, str, str, bool]]:
    """``(premise, hypothesis, label, is_validation)`` rows; one validation premise per nine training ones."""
    rng = random.Random(seed)
    for i in range(premises):
        held_out = i % 10 == 0
        slots = _draw_slots(rng, held_out)
        kind = rng.random()
        if kind < 0.6:
            premise = _fill(rng.choice(ATTACKS), slots)
            hyps = [(rng.choice(ENTAILED), "entailment"), (rng.choice(SWAPPED), "neutral"),
                    (rng.choice(NEGATED), "contradiction")]
            if rng.random() < 0.3:
                hyps.append((rng.choice(THIRD), "neutral"))
        elif kind < 0.8:
            premise = _fill(rng.choice(DENIALS), slots)
            hyps = [(rng.choice(ENTAILED), "contradiction"), (rng.choice(SWAPPED), "neutral")]
        else:
            n = rng.randint(2, 60)
            m = rng.choice([k for k in range(max(2, n - 15), n + 16) if k != n])
            slots.update(N=str(n) if rng.random() < 0.6 else number_words(n),
                         N2=str(n) if rng.random() < 0.5 else number_words(n),
                         M=str(m) if rng.random() < 0.6 else number_words(m))
            premise = _fill(rng.choice(CASUALTIES), slots)
            hyps = [(rng.choice(SAME_FIGURE), "entailment"), (rng.choice(OTHER_FIGURE), "contradiction"),
                    (rng.choice(NO_VICTIMS), "contradiction")]
        for template, label in hyps:
            yield premise, _fill(template, slots), label, held_out


def calm_pairs(seed: int = 17, premises: int = 1500) -> Iterator[tuple[str, str, str, bool]]:
    """``(premise, hypothesis, label, is_validation)`` rows of two-sided reports of anything but an attack: the
    gist entailed, the gist denied a contradiction, two attack propositions neutral. Validation as in
    :func:`conflict_pairs` (held-out countries, places and days)."""
    rng = random.Random(seed)
    for i in range(premises):
        held_out = i % 10 == 0
        slots = _draw_slots(rng, held_out)
        n = rng.randint(2, 40)
        slots["N"] = str(n) if rng.random() < 0.5 else number_words(n)
        premise, gist, negated = rng.choice(CALM)
        hyps = [(gist, "entailment"), (negated, "contradiction"),
                *((h, "neutral") for h in rng.sample(CALM_NEUTRAL, 2))]
        for template, label in hyps:
            yield _fill(premise, slots), _fill(template, slots), label, held_out
