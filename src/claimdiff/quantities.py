"""Split into :mod:`claimdiff.times` (clock times, zones, :func:`time_relation`) and :mod:`claimdiff.numbers`
(counted quantities, :func:`numeric_conflict`); this alias goes in the next release."""

from claimdiff._moved import forward

__all__ = ["ClockTime", "NumericConflict", "Quantity", "ZONES", "clock_times", "counted_owners", "numeric_conflict", "parse_utc_offset",
           "quantities", "time_relation"]
__getattr__ = forward(__name__, ["claimdiff.times", "claimdiff.numbers"])
