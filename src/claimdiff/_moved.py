"""Old module paths kept for one release, with a warning: a moved module becomes the module it moved to; a
split one forwards each name to the module that now holds it."""

from __future__ import annotations

import importlib
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import Any


def alias(old: str, new: str) -> None:
    """Make ``import old`` give module ``new`` itself (so attributes set on one are seen through the other)."""
    warnings.warn(f"{old} moved to {new}; import it from there ({old} goes in the next release).",
                  DeprecationWarning, stacklevel=3)
    sys.modules[old] = importlib.import_module(new)


def forward(old: str, new: Sequence[str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``old``, split into the modules ``new``: each name is read from the first
    that has it."""
    warnings.warn(f"{old} was split into {', '.join(new)}; import from there ({old} goes in the next release).",
                  DeprecationWarning, stacklevel=3)

    def __getattr__(name: str) -> Any:
        for module in map(importlib.import_module, new):
            if hasattr(module, name):
                return getattr(module, name)
        raise AttributeError(f"module {old!r} has no attribute {name!r}")

    return __getattr__
