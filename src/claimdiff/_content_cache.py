"""The caches of the judge's content parsers (figures, weapons, places, ...), emptied between the chunks of a run.

The judge asks each parser about one content in many pairs, so each keeps its last answers. A chunk's contents
are seldom asked about in the next chunk, and answers that outlive their chunk keep its strings alive in Python's
object arenas, which then stay mapped while the next chunk fills new ones.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

_F = TypeVar("_F", bound=Callable[..., Any])

#: Distinct arguments each parser keeps: more than the contents of a chunk of 100 articles (about 3,500).
MAXSIZE = 4096
_CACHES: list[Any] = []


def content_cache(parse: _F) -> _F:
    """``functools.lru_cache`` for a pure parser of contents, emptied by :func:`clear_content_caches`."""
    cached = functools.lru_cache(maxsize=MAXSIZE)(parse)
    _CACHES.append(cached)
    return cached  # type: ignore[return-value]


def clear_content_caches() -> None:
    """Forget every parser's answers: call between chunks, when the last chunk's contents are done with."""
    for cached in _CACHES:
        cached.cache_clear()
