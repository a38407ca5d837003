"""Resolution: each statement's speaker mention → actor id and side (the stage after attribution).

- :mod:`~claimdiff.resolve.mentions`: :func:`~claimdiff.resolve.mentions.match`, whom a mention names on its own
- :mod:`~claimdiff.resolve.resolution`: :func:`resolve`, with the document: titles, pronouns, earlier sentences
- :mod:`~claimdiff.resolve.joint`: :func:`split_joint`, a statement of two sides at once as one per side
"""

from __future__ import annotations

from claimdiff.resolve.joint import split_joint
from claimdiff.resolve.mentions import match
from claimdiff.resolve.resolution import (AMBIGUITY_PENALTY, CONF_ALIAS, CONF_PRONOUN, CONF_TITLE,  # noqa: F401
                                          CONF_TITLE_RELATIVE, PRONOUN_WINDOW, resolve)

__all__ = ["match", "resolve", "split_joint"]
