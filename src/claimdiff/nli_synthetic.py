"""Moved to :mod:`claimdiff.evaluation.nli_synthetic`; this alias goes in the next release."""

from claimdiff._moved import alias

alias(__name__, "claimdiff.evaluation.nli_synthetic")
