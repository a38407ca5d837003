"""Renamed :mod:`claimdiff.pairing`; this alias goes in the next release."""

from claimdiff._moved import alias

alias(__name__, "claimdiff.pairing")
