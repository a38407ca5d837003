"""The checkout's own folders (seeds/, models/) for code that reads files that do not ship in the package.

``Path(__file__).parents[N]`` only finds them in an editable install, so they are looked up: ``$CLAIMDIFF_ROOT``,
else the nearest folder above this file, else above the working directory, that holds ``src/claimdiff`` and a
``pyproject.toml`` (a checkout of this project).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT_ENV = "CLAIMDIFF_ROOT"


def _is_checkout(folder: Path) -> bool:
    return (folder / "pyproject.toml").is_file() and (folder / "src" / "claimdiff").is_dir()


def checkout_root() -> Path | None:
    """The root of a claimdiff checkout, or None when there is none (an installed wheel run elsewhere)."""
    env = os.environ.get(ROOT_ENV)
    if env:
        return Path(env)
    for start in (Path(__file__).resolve().parent, Path.cwd().resolve()):
        for folder in (start, *start.parents):
            if _is_checkout(folder):
                return folder
    return None


def checkout_path(*parts: str) -> Path:
    """``ROOT/parts...`` of :func:`checkout_root`; without a checkout a clear error says how to point at one."""
    root = checkout_root()
    if root is None:
        raise FileNotFoundError(f"{'/'.join(parts)} lives in a claimdiff checkout, and none was found above "
                                f"{Path(__file__).parent} or {Path.cwd()}; set {ROOT_ENV} to the checkout's root.")
    return root.joinpath(*parts)
