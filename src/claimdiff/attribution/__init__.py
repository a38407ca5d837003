"""Attribution: text → statements with speaker, cue and content spans (the first stage of the data flow).

- :mod:`~claimdiff.attribution.cues`: the cue tables and word lists (data; edit these, not the patterns)
- :mod:`~claimdiff.attribution.patterns`: the regular expressions built from them
- :mod:`~claimdiff.attribution.layout`: article end, paragraphs, site chrome, quotes, sentences, datelines
- :mod:`~claimdiff.attribution.speakers`: speaker noun phrases and their appositives
- :mod:`~claimdiff.attribution.rules`: :func:`segment`, the rule extractor
- :mod:`~claimdiff.attribution.tagger`: the learned BIO tagger
- :mod:`~claimdiff.attribution.extractors`: :data:`EXTRACTORS` by name and the merges of rules and tagger
"""

from __future__ import annotations

from claimdiff.attribution.extractors import EXTRACTORS, extractor
from claimdiff.attribution.rules import segment

__all__ = ["EXTRACTORS", "extractor", "segment"]
