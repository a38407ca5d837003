"""The report: the container of a run's results (:mod:`~claimdiff.report.container`), its flat rows
(:mod:`~claimdiff.report.rows`, the source of every export) and its HTML view (:mod:`~claimdiff.report.html`,
with ``templates/report.html.j2``, ``report.css`` and ``report.js``)."""

from __future__ import annotations

from claimdiff.report.container import REPR_MAX_DOCUMENTS, REPR_MAX_ROWS, Report  # noqa: F401 (REPR_MAX_*: as before)
from claimdiff.report.rows import (CLAIM_COLUMNS, COUNTERCLAIM_COLUMNS, ERROR_COLUMNS, POSITION_COLUMNS, STANCE_COLUMNS,
                                   STATEMENT_COLUMNS, VERDICT_COLUMNS, WHATS, claim_row, counterclaim_row, error_row, stance_row,
                                   statement_row, verdict_row)

__all__ = [
    "CLAIM_COLUMNS",
    "COUNTERCLAIM_COLUMNS",
    "ERROR_COLUMNS",
    "POSITION_COLUMNS",
    "STANCE_COLUMNS",
    "STATEMENT_COLUMNS",
    "VERDICT_COLUMNS",
    "WHATS",
    "Report",
    "claim_row",
    "counterclaim_row",
    "error_row",
    "stance_row",
    "statement_row",
    "verdict_row",
]
