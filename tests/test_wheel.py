"""The package as users get it: a wheel (and the shipped models as wheels of their own) installed into a fresh
virtualenv outside the checkout, where ``claimdiff analyze`` must find its pack and models and give the same
statements and verdicts as the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_c4e10aff8d545da5.txt"
MODELS = ("claimdiff-nli-minilm-l6", "claimdiff-nli-minilm-news", "claimdiff-attribution-minilm-l6")


def _run(args: list, cwd: Path, env: dict) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    return done.stdout


@pytest.mark.slow
def test_wheel_in_a_fresh_venv_analyzes_the_seed_like_the_checkout(tmp_path: Path) -> None:
    pytest.importorskip("setuptools")
    # Build from copies, so that the build leaves nothing in the checkout.
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src", src / "src", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for model in MODELS:
        shutil.copytree(ROOT / "models" / model, tmp_path / model, ignore=shutil.ignore_patterns("__pycache__"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMDIFF_") and k != "PYTHONPATH"}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", dist, src,
          *(tmp_path / m for m in MODELS)], tmp_path, env)
    wheels = sorted(dist.glob("*.whl"))
    assert len(wheels) == 1 + len(MODELS), wheels

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv], tmp_path, env)
    python = venv / "bin" / "python"
    # The dependencies (torch, transformers, the sentence encoder ...) come from this interpreter's site-packages,
    # added after the venv's own: the wheels installed there come first.
    purelib = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp_path,
                        env).strip())
    (purelib / "_claimdiff_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    # --ignore-installed: the outer site-packages on the path may hold the model packages already (make install
    # puts them there), and pip would then skip installing the wheels under test.
    _run([python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--ignore-installed", *wheels],
         tmp_path, env)

    work = tmp_path / "elsewhere"
    work.mkdir()
    where = _run([python, "-c", "import claimdiff, claimdiff.nli as n; print(claimdiff.__file__); "
                  "print(n.default_model_path())"], work, env).split()
    assert all(str(venv) in w for w in where), where
    _run([venv / "bin" / "claimdiff", "analyze", SEED, "--out", work / "wheel.jsonl", "--out", work / "wheel.html"],
         work, env)
    checkout_env = {**env, "PYTHONPATH": str(ROOT / "src")}
    _run([sys.executable, "-m", "claimdiff", "analyze", SEED, "--out", work / "checkout.jsonl"], ROOT, checkout_env)
    assert (work / "wheel.jsonl").read_text() == (work / "checkout.jsonl").read_text()
    page = (work / "wheel.html").read_text()
    assert ".claimdiff-report {" in page and "function setUpFilters" in page  # style sheet and script: package data
