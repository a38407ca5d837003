"""The package's layout: old module paths still import (with a warning), and the runtime does not import the
evaluation harnesses."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

MOVED = {
    "claimdiff.evaluate": "claimdiff.evaluation.nli",
    "claimdiff.evaluate_attribution": "claimdiff.evaluation.attribution",
    "claimdiff.evaluate_resolution": "claimdiff.evaluation.resolution",
    "claimdiff.polnear": "claimdiff.evaluation.polnear",
    "claimdiff.nli_data": "claimdiff.evaluation.nli_data",
    "claimdiff.nli_synthetic": "claimdiff.evaluation.nli_synthetic",
    "claimdiff.pair": "claimdiff.pairing",
}


@pytest.mark.parametrize("old, new", sorted(MOVED.items()))
def test_old_module_path_is_the_new_module_and_warns(old, new):
    sys.modules.pop(old, None)
    with pytest.warns(DeprecationWarning, match=new.replace(".", r"\.")):
        module = importlib.import_module(old)
    assert module is importlib.import_module(new)


def test_evaluate_nli_is_a_deprecated_top_level_name():
    import claimdiff
    from claimdiff.evaluation.nli import evaluate_nli

    assert "evaluate_nli" not in claimdiff.__all__
    with pytest.warns(DeprecationWarning, match="claimdiff.evaluation.nli"):
        assert claimdiff.evaluate_nli is evaluate_nli


def test_star_import_of_the_package_works():
    namespace: dict = {}
    exec("from claimdiff import *", namespace)
    assert "ClaimDiff" in namespace and "evaluate_nli" not in namespace


def test_the_runtime_does_not_import_the_evaluation_harnesses():
    code = ("import sys, claimdiff, claimdiff.cli, claimdiff.pipeline; "
            "print(sorted(m for m in sys.modules if m.startswith('claimdiff.evaluation')))")
    out = subprocess.run([sys.executable, "-W", "error::DeprecationWarning", "-c", code], capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("old, name, new", [
    ("claimdiff.segment", "segment", "claimdiff.attribution.rules"),
    ("claimdiff.segment", "SAY_CUES", "claimdiff.attribution.cues"),
    ("claimdiff.tagger", "AttributionTagger", "claimdiff.attribution.tagger"),
    ("claimdiff.tagger", "rules_first", "claimdiff.attribution.extractors"),
    ("claimdiff.quantities", "time_relation", "claimdiff.times"),
    ("claimdiff.quantities", "numeric_conflict", "claimdiff.numbers"),
])
def test_split_module_forwards_its_names_and_warns(old, name, new):
    sys.modules.pop(old, None)
    with pytest.warns(DeprecationWarning, match=new.replace(".", r"\.")):
        module = importlib.import_module(old)
    assert getattr(module, name) is getattr(importlib.import_module(new), name)
    with pytest.raises(AttributeError):
        getattr(module, "no_such_name")


def test_zones_moved_into_the_pack_keep_a_deprecated_alias():
    import warnings

    with pytest.warns(DeprecationWarning, match="claimdiff.pack.Pack.zones"):
        from claimdiff.times import ZONES
    assert ZONES["moscow time"] == 180 and ZONES["gmt"] == 0 and ZONES["msk"] == 180
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        from claimdiff.times import ABBREVIATIONS  # the new name does not warn
    assert ABBREVIATIONS["cet"] == 60


def test_star_import_of_the_old_segment_module_works():
    namespace: dict = {}
    with pytest.warns(DeprecationWarning):
        sys.modules.pop("claimdiff.segment", None)
        exec("from claimdiff.segment import *", namespace)
    assert callable(namespace["segment"]) and "said" in namespace["SAY_CUES"]


def test_pipeline_and_cli_share_one_extractor_registry():
    from claimdiff import cli, pipeline
    from claimdiff.attribution import EXTRACTORS, extractor
    from claimdiff.attribution.rules import segment

    assert pipeline.EXTRACTORS is EXTRACTORS
    for command in ("analyze", "evaluate-attribution"):
        with pytest.raises(SystemExit):
            cli.build_parser().parse_args([command, "x", "--extractor", "nope"] if command == "analyze"
                                          else [command, "--extractor", "nope"])
    assert extractor("rules") is segment
    with pytest.raises(ValueError, match="rules_first"):
        extractor("nope")
