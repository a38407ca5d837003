"""Moved to :mod:`claimdiff.evaluation.attribution`; this alias goes in the next release."""

from claimdiff._moved import alias

alias(__name__, "claimdiff.evaluation.attribution")
