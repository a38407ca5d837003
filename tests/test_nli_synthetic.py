from __future__ import annotations

import re

from claimdiff.evaluation.nli_data import LABELS, load_nli_set
from claimdiff.evaluation.nli_synthetic import (
    TRAIN_COUNTRIES,
    VALIDATION_COUNTRIES,
    calm_pairs,
    conflict_pairs,
    number_words,
)


def test_pairs_are_deterministic_and_labelled():
    rows = list(conflict_pairs(seed=5, premises=200))
    assert rows == list(conflict_pairs(seed=5, premises=200))
    assert {label for _, _, label, _ in rows} == set(LABELS)


def test_validation_rows_never_name_a_training_country():
    train_names = {name for pair in TRAIN_COUNTRIES for name in pair}
    for premise, hypothesis, _, held_out in conflict_pairs(premises=300):
        words = set((premise + " " + hypothesis).replace(".", " ").replace(",", " ").split())
        if held_out:
            assert not words & train_names, premise
        else:
            assert not words & {name for pair in VALIDATION_COUNTRIES for name in pair}, premise


def test_swapped_roles_are_neutral_and_the_roles_as_written_entailed():
    checked = 0
    for premise, hypothesis, label, _ in conflict_pairs():
        attack = re.match(r"(\w+) forces shelled (\w+) positions", premise)
        side = re.fullmatch(r"The (\w+) side attacked\.", hypothesis)
        if attack and side:
            checked += 1
            assert label == {attack[1]: "entailment", attack[2]: "neutral"}[side[1]], (premise, hypothesis)
    assert checked >= 5


def test_the_reader_splits_by_country(tmp_path):
    # Generated rows need no data folder contents; the reader decides the split itself.
    train = load_nli_set("conflict_roles", tmp_path, "train")
    validation = load_nli_set("conflict_roles", tmp_path, "validation")
    assert len(train) > 8 * len(validation) > 0
    assert not {r.premise for r in train} & {r.premise for r in validation}


def test_number_words():
    assert [number_words(n) for n in (7, 19, 40, 49)] == ["seven", "nineteen", "forty", "forty-nine"]


def test_seed_cases_are_validation_only_and_need_no_data(tmp_path):
    cases = load_nli_set("seed_cases", tmp_path / "missing", "validation")
    assert len(cases) >= 30 and {c.label for c in cases} == set(LABELS)
    assert load_nli_set("seed_cases", tmp_path / "missing", "train") == []


def test_calm_reports_say_nothing_about_an_attack():
    rows = list(calm_pairs(premises=300))
    assert rows == list(calm_pairs(premises=300))
    assert len(rows) == 4 * 300
    for i in range(0, len(rows), 4):  # four hypotheses per premise
        group = rows[i:i + 4]
        premise = group[0][0]
        assert {p for p, *_ in group} == {premise} and not re.search(r"shell|attack|fired on|struck", premise)
        # Its gist entailed, the gist denied, and attack propositions neutral.
        assert [label for _, _, label, _ in group] == ["entailment", "contradiction", "neutral", "neutral"], premise
        assert all(re.search(r"attack|fired on|invaded", h) for _, h, _, _ in group[2:]), premise


def test_calm_validation_rows_never_name_a_training_country():
    train_names = {name for pair in TRAIN_COUNTRIES for name in pair}
    held = [p for p, _, _, held_out in calm_pairs(premises=100) if held_out]
    assert held and not any(set(re.findall(r"\w+", p)) & train_names for p in held)
