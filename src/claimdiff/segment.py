"""Split into :mod:`claimdiff.attribution` (rules, cues, patterns, layout, speakers); this alias goes in the next
release."""

from claimdiff._moved import forward

__all__ = ["APPEAL_CUES", "CHROME_LINES", "CONTINUATION_CUES", "DENY_CUES", "DESCRIBE_CUES", "HEDGES", "OBJECT_CUES",
           "RELATED_MARKERS", "SAY_CUES", "segment"]
__getattr__ = forward(__name__, ["claimdiff.attribution.rules", "claimdiff.attribution.cues",
                                 "claimdiff.attribution.patterns", "claimdiff.attribution.layout",
                                 "claimdiff.attribution.speakers"])
