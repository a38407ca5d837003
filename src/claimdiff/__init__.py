"""claimdiff: who claims what in conflict news, and where the sides contradict each other.

Example:
    >>> import claimdiff
    >>> [s.actor for s in claimdiff.extract("Baku denied that Azerbaijan had invaded Armenia.")]
    ['AZ.GOV']
"""

from __future__ import annotations

import logging
import warnings
from typing import Any

from claimdiff.actors import Actor, ActorRegistry, PackError
from claimdiff.batch import RunError, RunSummary, read_run
from claimdiff.corpus import read_documents, read_jsonl
from claimdiff.nli import CascadeNLI, ModelLoadError, NLIModel
from claimdiff.pack import Pack
from claimdiff.pairing import SentenceEncoder, candidate_pairs
from claimdiff.pipeline import ClaimDiff, extract
# The stage functions segment / resolve / judge share their modules' names, so they are imported from
# those modules (claimdiff.attribution.segment ...) rather than re-exported here, where they would shadow them.
from claimdiff.records import (CandidatePair, Counterclaim, Document, DocumentError, Proposition, Question, Span, Stance,
                               Statement, Verdict)
from claimdiff.report import Report
from claimdiff.stance import load_questions, questions_from

logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"
__all__ = [
    "Actor", "ActorRegistry", "CandidatePair", "ClaimDiff", "Counterclaim", "Document", "DocumentError",
    "CascadeNLI", "ModelLoadError", "NLIModel", "Pack", "PackError", "Proposition", "Question", "Report", "RunError",
    "RunSummary", "SentenceEncoder", "Span", "Stance", "Statement", "Verdict", "candidate_pairs", "extract",
    "load_questions", "questions_from", "read_documents", "read_jsonl", "read_run",
]


def __getattr__(name: str) -> Any:
    # evaluate_nli is an evaluation harness, not a stage: it left the public API for claimdiff.evaluation.nli.
    if name == "evaluate_nli":
        warnings.warn("claimdiff.evaluate_nli moved to claimdiff.evaluation.nli.evaluate_nli; import it from "
                      "there (the alias goes in the next release).", DeprecationWarning, stacklevel=2)
        from claimdiff.evaluation.nli import evaluate_nli

        return evaluate_nli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
