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
