"""claimdiff: who claims what in conflict news, and where the sides contradict each other."""

from __future__ import annotations

import logging

from claimdiff.records import CandidatePair, Document, DocumentError, Span, Statement, Verdict

logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"
__all__ = ["CandidatePair", "Document", "DocumentError", "Span", "Statement", "Verdict"]
