"""claimdiff: who claims what in conflict news, and where the sides contradict each other.

Example:
    >>> import claimdiff
    >>> [s.actor for s in claimdiff.extract("Baku denied that Azerbaijan had invaded Armenia.")]
    ['AZ.GOV']
"""

from __future__ import annotations

import logging

from claimdiff.actors import Actor, ActorRegistry, PackError
from claimdiff.corpus import read_documents, read_jsonl
from claimdiff.evaluate import evaluate_nli
from claimdiff.nli import ModelLoadError, NLIModel
from claimdiff.pair import SentenceEncoder, candidate_pairs
from claimdiff.pipeline import ClaimDiff, extract
# The stage functions segment / resolve / judge share their modules' names, so they are imported from
# those modules (claimdiff.segment.segment ...) rather than re-exported here, where they would shadow them.
from claimdiff.records import (CandidatePair, Counterclaim, Document, DocumentError, Proposition, Question, Span, Stance,
                               Statement, Verdict)
from claimdiff.report import Report
from claimdiff.stance import load_questions, questions_from

logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"
__all__ = [
    "Actor", "ActorRegistry", "CandidatePair", "ClaimDiff", "Counterclaim", "Document", "DocumentError",
    "ModelLoadError", "NLIModel", "PackError", "Proposition", "Question", "Report", "SentenceEncoder", "Span",
    "Stance", "Statement", "Verdict", "candidate_pairs", "evaluate_nli", "extract", "load_questions",
    "questions_from", "read_documents", "read_jsonl",
]
