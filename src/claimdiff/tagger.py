"""Split into :mod:`claimdiff.attribution.tagger` and :mod:`claimdiff.attribution.extractors` (the merges of
rules and tagger); this alias goes in the next release."""

from claimdiff._moved import forward

__getattr__ = forward(__name__, ["claimdiff.attribution.tagger", "claimdiff.attribution.extractors"])
