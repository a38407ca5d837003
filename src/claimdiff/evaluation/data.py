"""Where evaluation and training data is read from: ``--data DIR``, ``$CLAIMDIFF_DATA`` or ``shared/data``.

The data never ships with the project; the layout of ``shared/data`` is expected (``DATA/nli/...``,
``DATA/attribution/PolNeAR/...``, ``DATA/claims/...``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

from claimdiff._paths import checkout_root

DATA_ENV = "CLAIMDIFF_DATA"


def resolve_data_dir(data_dir: str | os.PathLike | None = None) -> Path:
    """The data folder: the argument, else ``$CLAIMDIFF_DATA``, else ``../shared/data`` beside the checkout."""
    root = checkout_root()
    candidates = [data_dir, os.environ.get(DATA_ENV), root.parent / "shared" / "data" if root else None]
    for candidate in candidates:
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    raise FileNotFoundError(
        f"No data directory found (tried {[str(c) for c in candidates if c]}). "
        f"Pass --data DIR or set {DATA_ENV} to a folder laid out like shared/data (with nli/ and claims/)."
    )


def jsonl_rows(path: str | os.PathLike) -> Iterator[dict]:
    """The objects of a JSONL file, blank lines skipped; a broken line raises ``ValueError`` naming it."""
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as err:
                    raise ValueError(f"{path}:{n}: not JSON ({err.msg}).") from err
