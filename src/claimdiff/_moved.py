"""Old module paths kept for one release: each old module becomes the module it moved to, with a warning."""

from __future__ import annotations

import importlib
import sys
import warnings


def alias(old: str, new: str) -> None:
    """Make ``import old`` give module ``new`` itself (so attributes set on one are seen through the other)."""
    warnings.warn(f"{old} moved to {new}; import it from there ({old} goes in the next release).",
                  DeprecationWarning, stacklevel=3)
    sys.modules[old] = importlib.import_module(new)
