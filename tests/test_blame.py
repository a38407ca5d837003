"""Who started it: blamed sides read by rule, and pairs of sides that blame each other."""

from __future__ import annotations

import pytest

from claimdiff.actors import ActorRegistry
from claimdiff.blame import ENEMY, blamed_sides, mark_mutual_blame, read_blame
from claimdiff.judge import judge
from claimdiff.records import CandidatePair, Span, Statement
from tests.conftest import FixedNLI

REGISTRY = ActorRegistry.default()


@pytest.mark.parametrize("content, speaker, expected", [
    # The subject of a starting act is blamed; a side after a preposition is where the act landed.
    ("Azerbaijani troops opened fire on Armenian border posts overnight", "armenia", {"azerbaijan"}),
    ("Armenian units fired at Azerbaijani positions near Lachin", "azerbaijan", {"armenia"}),
    # Who started the shooting; whose provocation it was.
    ("Armenian troops had started the shooting", "azerbaijan", {"armenia"}),
    ("As a result of the enemy's provocation, a serviceman was wounded", "azerbaijan", {ENEMY}),
    ("Armenia's armed provocation failed", "azerbaijan", {"armenia"}),
    # ... but the side whose positions came under fire did not fire, and a fire act stays one.
    ("Armenia's positions came under fire", "armenia", {ENEMY}),
    ("seven incidents, all begun by Azerbaijani units firing at Armenian positions", "armenia", {"azerbaijan"}),
    # Force as a means of pressure is blamed as a starting act.
    ("Azerbaijan was using military pressure to extract concessions from Armenia", "armenia", {"azerbaijan"}),
    ("Baku is waging a campaign of terror against the villages", "armenia", {"azerbaijan"}),
    ("Yerevan wants to put pressure on Baku before the talks", "azerbaijan", {"armenia"}),
    ("Azerbaijani snipers had targeted a border post near the village", "armenia", {"azerbaijan"}),
    ("Baku of breaking the truce within hours", "armenia", {"azerbaijan"}),
    ("Yerevan bears full responsibility for the flare-up", "azerbaijan", {"armenia"}),
    # a story made up to cover the subject's own attack
    ("Baku made up this story to cover its own attack", "armenia", {"azerbaijan"}),
    ("detachments of the Armenian army tried to seize a hill", "azerbaijan", {"armenia"}),
    ("it was Azerbaijani forces that had launched the assault at dawn", "armenia", {"azerbaijan"}),
    # What an "accused"/"blamed" cue leaves names the accused first, whatever the act; not for words.
    ("Yerevan of shelling a tractor near the border", "azerbaijan", {"armenia"}),
    ("Azerbaijan for deliberately targeting farmers", "armenia", {"azerbaijan"}),
    ("Azerbaijani units of firing on a border patrol", "armenia", {"azerbaijan"}),  # the accused named with its units
    # Rounds fired, fire at an aircraft, and where the shooting came from.
    ("Armenian units fired some 30 rounds towards the village", "azerbaijan", {"armenia"}),
    ("Azerbaijani soldiers fired at an Armenian drone", "armenia", {"azerbaijan"}),
    # fire "opened" with its kind, and striking back
    ("Azerbaijani units had opened small-arms fire in the district", "armenia", {"azerbaijan"}),
    ("its drones had struck back after the shelling", "azerbaijan", {ENEMY}),
    ("Azerbaijani units ceased fire at 07:15", "armenia", set()),
    ("the gunfire came from Armenian positions on the ridge", "azerbaijan", {"armenia"}),
    # Fire told with no doer at all is the enemy's: no side tells its own fire so.
    ("the shooting began at around 23:40 and lasted twenty minutes", "armenia", {ENEMY}),
    ("the shelling of Armenian positions continued", "azerbaijan", set()),
    ("Baku of lying about the incident", "armenia", set()),
    ("Armenia was fully responsible for the incident", "azerbaijan", {"armenia"}),
    ("the Armenian side had staged the incident", "azerbaijan", {"armenia"}),
    ("responsibility for the incident lies entirely with the leadership of Armenia", "azerbaijan", {"armenia"}),
    ("Azerbaijani police had blocked the road to the village for seven hours", "armenia", {"azerbaijan"}),
    ("the road was closed for repairs", "azerbaijan", set()),
    # A passive names its agent after "by".
    ("the strike answered fire opened at dawn by Armenian units", "azerbaijan", {"armenia"}),
    ("its border posts had been fired on by Armenian units", "azerbaijan", {"armenia"}),
    ("mines were planted by Armenian saboteurs on the supply road", "azerbaijan", {"armenia"}),
    ("the provocation had been planned in Baku", "armenia", {"azerbaijan"}),
    # An act no side would call its own, with its doer unnamed, blames whoever the speaker opposes.
    ("the shelling was an unprovoked attack on sleeping villages", "azerbaijan", {ENEMY}),
    ("the strike grossly violated the truce", "armenia", {ENEMY}),
    ("Armenian units carried out an unprovoked attack", "azerbaijan", {"armenia"}),
    ("nobody disputes that the attack was not unprovoked aggression", "armenia", set()),
    ("the separatists of firing first", "azerbaijan", {"armenia"}),
    # Answering, said of one's own side (or of no one), blames the enemy.
    ("our units took retaliatory measures", "armenia", {ENEMY}),
    ("Armenian units returned fire only at the firing points", "armenia", {ENEMY}),  # its own side answered
    ("Azerbaijani troops returned fire", "armenia", set()),                          # the other side answered
    ("the army was responding to enemy provocations", "azerbaijan", {ENEMY}),
    ("its troops gave a fitting response", "azerbaijan", {ENEMY}),
    ("the strike was a response to fire on road workers", "azerbaijan", {ENEMY}),
    ("our units responded only after the shelling began", "armenia", {ENEMY}),
    ("the enemy's firing points were silenced with return fire", "azerbaijan", {ENEMY}),  # the enemy, answered
    ("the ministry responded to questions from reporters", "azerbaijan", set()),  # answering words, not fire
    # Fire done to the speaker's own side: the enemy fired (not the side named as the target).
    ("our positions were fired upon overnight", "armenia", {ENEMY}),
    ("its soldiers came under fire when they tried to search a car", "azerbaijan", {ENEMY}),
    ("its positions had been fired on by Armenian units", "azerbaijan", {"armenia"}),
    ("Azerbaijani positions came under fire", "armenia", set()),
    # No starting act, a negated one, or no side named: no one is blamed.
    ("Azerbaijani shells hit the village school", "armenia", set()),
    ("a civilian in the village was wounded by shrapnel", "armenia", set()),
    ("Armenian forces had not violated the ceasefire", "armenia", set()),
    ("the situation on the border was calm", "azerbaijan", set()),
])
def test_blamed_sides(content, speaker, expected):
    assert blamed_sides(content, speaker, REGISTRY) == frozenset(expected)


def test_a_while_clause_keeps_its_subject():
    text = "an Armenian group was detained while trying to cross the border"
    assert blamed_sides(text, "azerbaijan", REGISTRY) == {"armenia"}
    # ... but "after retaliatory actions" is not something the main clause's subject did.
    text = "the Azerbaijani units were forced to stop after retaliatory actions"
    assert blamed_sides(text, "armenia", REGISTRY) == {ENEMY}


def test_the_narrator_and_unknown_speakers_blame_no_one():
    assert blamed_sides("Armenian units opened fire", "narrator", REGISTRY) == frozenset()
    assert blamed_sides("Armenian units opened fire", None, REGISTRY) == frozenset()


def make(i: int, text: str, side: str, polarity: str = "asserts") -> Statement:
    return Statement(id=f"d:s{i}", doc_id="d", kind="indirect", content=Span.of(text, 0, len(text)),
                     polarity=polarity, side=side)


def pair(a: Statement, b: Statement) -> CandidatePair:
    return CandidatePair(a, b, 0.5, ("story",), 0.4)


def test_only_mutual_blame_is_marked():
    armenian = make(1, "Azerbaijani forces launched an offensive overnight", "armenia")
    azerbaijani = make(2, "our units were responding to shelling of frontline villages", "azerbaijan")
    one_sided = make(3, "two servicemen were wounded", "azerbaijan")
    denied = make(4, "Armenian forces started the fighting", "azerbaijan", "denies")
    marked = mark_mutual_blame([pair(armenian, azerbaijani), pair(armenian, one_sided), pair(armenian, denied)],
                               REGISTRY)
    assert [p.signals for p in marked] == [("story", "blame"), ("story",), ("story",)]


class NeutralNLI(FixedNLI):
    row = (0.1, 0.8, 0.1)


def test_fire_said_to_come_from_a_side_answers_its_saying_it_did_not_fire():
    killed = make(1, "one of its servicemen had been killed by fire from the Azerbaijani side", "armenia")
    shot = make(2, "the shot was fired from an Azerbaijani position", "armenia")
    no_shot = make(3, "Units of the Azerbaijani Army did not fire a single shot in that direction", "azerbaijan")
    fired = make(4, "Armenian formations had opened fire on its positions three times", "azerbaijan")
    marked = mark_mutual_blame([pair(killed, no_shot), pair(shot, no_shot), pair(killed, fired)], REGISTRY)
    # Each side reporting fire from the other is no mutual blame: an exchange of fire can be both.
    assert [p.signals for p in marked] == [("story", "blame"), ("story", "blame"), ("story",)]


def test_fire_opened_with_its_kind_and_striking_back_are_mutual_blame():
    opened = make(1, "Azerbaijani units opened small-arms fire at 19:30", "armenia")
    opened_first = make(2, "Armenian units opened fire at 19:10", "azerbaijan")
    struck_back = make(3, "its drones had struck back after Armenian shelling that began at 08:30", "azerbaijan")
    mortars = make(4, "Azerbaijani mortars opened fire at around 08:10", "armenia")
    marked = mark_mutual_blame([pair(opened, opened_first), pair(struck_back, mortars)], REGISTRY)
    assert [p.signals for p in marked] == [("story", "blame"), ("story", "blame")]


def test_blame_against_a_denial_that_clears_the_blamed_side():
    # "returned fire": Armenian units fired and started it; Yerevan denies that they opened fire first.
    returned = make(1, "its forces had returned fire", "azerbaijan")
    denied = make(2, "Armenian units had opened fire first", "armenia", "denies")
    shelled = make(3, "a village was shelled overnight", "azerbaijan")
    marked = mark_mutual_blame([pair(returned, denied), pair(shelled, denied)], REGISTRY)
    assert [p.signals for p in marked] == [("story", "blame"), ("story",)]
    (verdict,) = judge(marked[:1], NeutralNLI())
    assert (verdict.label, verdict.reason) == ("contradiction", "blame")


def test_mutual_blame_is_a_contradiction_whatever_nli_says():
    a = make(1, "Azerbaijani forces opened fire at Armenian positions", "armenia")
    b = make(2, "Armenian units violated the ceasefire and two Azerbaijani soldiers were killed", "azerbaijan")
    (marked,) = mark_mutual_blame([pair(a, b)], REGISTRY)
    (verdict,) = judge([marked], NeutralNLI())
    # Counted losses of one side only do not turn mutual blame into "different counts".
    assert (verdict.label, verdict.reason, verdict.score) == ("contradiction", "blame", 0.8)


def test_mutual_blame_at_two_different_hours_is_still_a_contradiction():
    a = make(1, "Azerbaijani forces opened fire at 05:40", "armenia")
    b = make(2, "Armenian units opened fire at 04:30", "azerbaijan")
    (marked,) = mark_mutual_blame([pair(a, b)], REGISTRY)
    assert judge([marked], NeutralNLI())[0].reason == "blame"


def test_blame_against_a_denial_of_the_same_kind_of_act():
    fired = make(1, "Azerbaijani forces opened fire on the village at dawn", "armenia")
    no_shot = make(2, "our units had not fired a single shot in that section", "azerbaijan")
    mined = make(3, "Armenian units had laid mines on the road", "azerbaijan")
    no_fire = make(4, "Armenian units had not opened fire", "armenia")
    not_started = make(5, "Azerbaijan had not started the fighting", "azerbaijan")
    marked = mark_mutual_blame([pair(fired, no_shot), pair(no_fire, mined), pair(fired, not_started)], REGISTRY)
    # Firing against "not a single shot": a clash; mines against "no fire", or "did not start it": none.
    assert ["blame" in p.signals for p in marked] == [True, False, False]


def test_a_denied_first_shot_and_a_return_of_fire_clash_with_blame_for_starting_and_firing():
    # "did not open fire first" clears the speaker's side of starting it; "returned fire" says the other fired.
    not_first = make(1, "the Armenian side did not open fire first", "armenia")
    retaliated = make(2, "urgent retaliatory measures were taken", "azerbaijan")
    no_shot = make(3, "Armenian units did not fire a single shot towards Azerbaijani positions", "armenia")
    returned = make(4, "the enemy's firing points were silenced with return fire", "azerbaijan")
    no_fire = make(5, "the Armenian side did not open fire", "armenia")
    marked = mark_mutual_blame([pair(not_first, retaliated), pair(no_shot, returned), pair(no_fire, retaliated)],
                               REGISTRY)
    # Without "first", not opening fire says nothing of who started it: retaliation may answer something else.
    assert ["blame" in p.signals for p in marked] == [True, True, False]
    # ... and a denial that its units fired first (the act itself ends in "first") clears starting too.
    denied_first = make(6, "Armenian units had fired first", "armenia", "denies")
    assert "blame" in mark_mutual_blame([pair(denied_first, retaliated)], REGISTRY)[0].signals


def test_each_side_blaming_the_other_for_a_blockade():
    a = make(1, "Azerbaijani police had blocked the road near the village", "armenia")
    b = make(2, "Armenian drivers of deliberately blocking the road by refusing to show their documents", "azerbaijan")
    (marked,) = mark_mutual_blame([pair(a, b)], REGISTRY)
    assert "blame" in marked.signals


def test_blame_on_two_different_days_is_two_incidents():
    tuesday = make(1, "Armenian units had fired on Azerbaijani positions in the district on Tuesday evening", "azerbaijan")
    wednesday = make(2, "Azerbaijani forces opened fire on Armenian posts early on Wednesday", "armenia")
    same_day = make(3, "Azerbaijani forces opened fire on Armenian posts on Tuesday", "armenia")
    undated = make(4, "Azerbaijani forces opened fire on Armenian posts", "armenia")
    marked = mark_mutual_blame([pair(tuesday, wednesday), pair(tuesday, same_day), pair(tuesday, undated)], REGISTRY)
    assert ["blame" in p.signals for p in marked] == [False, True, True]


def test_a_broken_truce_against_a_denial_of_breaking_it():
    broke = make(1, "Azerbaijani forces had broken the humanitarian truce at 00:15", "armenia")
    violated = make(2, "The enemy once again grossly violated the humanitarian ceasefire", "azerbaijan")
    did_not = make(3, "We did not break the ceasefire and we will not be the first to break it", "armenia")
    shelled = make(4, "Armenian units had shelled the village", "azerbaijan")
    marked = mark_mutual_blame([pair(broke, violated), pair(did_not, violated), pair(did_not, shelled)], REGISTRY)
    # Shelling a village blames no one for the truce: "did not break it" does not answer it.
    assert ["blame" in p.signals for p in marked] == [True, True, False]


def test_a_kept_truce_answers_fire_and_a_broken_one():
    kept = make(1, "Azerbaijani units had strictly observed the ceasefire along the entire line over the past day",
                "azerbaijan")
    killed = make(2, "a serviceman was killed by fire from Azerbaijani positions near the village", "armenia")
    not_violated = make(3, "the Azerbaijani Army had not violated the ceasefire in the district", "azerbaijan")
    violated = make(4, "Azerbaijani forces violated the ceasefire twice overnight", "armenia")
    no_shot = make(5, "Azerbaijani units did not fire a single shot", "azerbaijan")
    appeal = make(6, "Azerbaijan must observe the ceasefire", "armenia")
    shelled = make(7, "Armenian units had shelled the village", "azerbaijan")
    marked = mark_mutual_blame([pair(kept, killed), pair(not_violated, killed), pair(no_shot, violated),
                                pair(kept, violated), pair(kept, appeal), pair(kept, shelled)], REGISTRY)
    # Keeping a truce and not firing answer each other; an appeal to keep it, or shelling by the other side, does not.
    assert ["blame" in p.signals for p in marked] == [True, True, True, True, False, False]
    assert read_blame("Azerbaijani forces had not observed the truce", "armenia", REGISTRY)[0] == {("azerbaijan", "truce")}
    assert read_blame("called on Baku to observe the ceasefire", "armenia", REGISTRY) == (frozenset(), frozenset())
    sniper = make(8, "A soldier was killed by Azerbaijani sniper fire on Tuesday afternoon", "armenia")
    assert "blame" in mark_mutual_blame([pair(kept, sniper)], REGISTRY)[0].signals
    # Killed by someone, not by fire: no side is said to have fired.
    assert read_blame("the soldier was killed by a fellow serviceman", "azerbaijan", REGISTRY) == (frozenset(), frozenset())


def test_an_attack_on_the_speakers_own_positions_is_the_enemys():
    followed = make(1, "the strike followed a mortar attack on Armenian positions", "armenia")
    answered = make(2, "the strike was a response to Armenian fire on Azerbaijani road workers", "azerbaijan")
    marked = mark_mutual_blame([pair(followed, answered)], REGISTRY)
    assert "blame" in marked[0].signals
    # Said of the other side's positions, the attack names no doer.
    assert blamed_sides("a mortar attack on Armenian positions was repelled", "azerbaijan", REGISTRY) == set()
    assert blamed_sides("Azerbaijani forces continue to target our servicemen", "armenia", REGISTRY) == {"azerbaijan"}


def test_coming_under_fire_from_a_side_blames_it_for_firing():
    under_fire = make(1, "firefighters had come under fire from Azerbaijani positions twice", "armenia")
    no_shot = make(2, "Our units watched the fire and did not fire a single shot", "azerbaijan")
    own_fire = make(3, "Armenian units opened fire from their positions", "azerbaijan")
    marked = mark_mutual_blame([pair(under_fire, no_shot)], REGISTRY)
    assert "blame" in marked[0].signals
    # "from" names who fired only after "under fire": "opened fire from their positions" is Armenian units' act.
    assert blamed_sides(own_fire.content.text, "azerbaijan", REGISTRY) == {"armenia"}


def test_not_returning_fire_and_no_shot_of_any_kind_clear_the_side_of_firing():
    assert read_blame("our units did not return fire", "armenia", REGISTRY)[1] == {("armenia", "fire")}
    assert read_blame("its soldiers had fired any shots", "azerbaijan", REGISTRY, denied=True)[1] == {
        ("azerbaijan", "fire")}


def test_blame_at_different_hours_of_the_day_is_two_incidents():
    morning = make(1, "a repair crew came under fire from Azerbaijani positions on Monday morning", "armenia")
    late = make(2, "fire from Azerbaijani positions began at about 23:30", "armenia")
    night = make(3, "no shots were fired from our positions during the night", "azerbaijan")
    marked = mark_mutual_blame([pair(morning, night), pair(late, night)], REGISTRY)
    assert ["blame" in p.signals for p in marked] == [False, True]


def test_fire_with_no_doer_answers_a_side_saying_it_did_not_fire_but_is_no_blame_for_starting():
    shooting = make(1, "the shooting began at around 23:40 and lasted twenty minutes", "armenia")
    no_shots = make(2, "no shots were fired from our positions during the night", "azerbaijan")
    violated = make(3, "Armenian units violated the ceasefire at 23:30", "azerbaijan")
    marked = mark_mutual_blame([pair(shooting, no_shots), pair(shooting, violated)], REGISTRY)
    assert ["blame" in p.signals for p in marked] == [True, False]


def test_two_sides_tallies_of_each_others_truce_violations_are_no_blame():
    tally_a = make(1, "Azerbaijani forces had violated the ceasefire 15 times since the start of the month", "armenia")
    tally_b = make(2, "the Armenian side violated the ceasefire nine times in the Tovuz direction", "azerbaijan")
    broke = make(3, "Armenia broke the truce within minutes of its entry into force", "azerbaijan")
    fired = make(4, "Armenian units opened fire on our positions twice on Monday", "azerbaijan")
    marked = mark_mutual_blame([pair(tally_a, tally_b), pair(tally_a, broke), pair(tally_a, fired)], REGISTRY)
    # Only two tallies are two counts; a tally against "broke the truce" or against fire is still blame.
    assert ["blame" in p.signals for p in marked] == [False, True, True]
