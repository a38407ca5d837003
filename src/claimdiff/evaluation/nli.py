"""Evaluation of NLI models on the labelled sets in the data folder, as prefixed metrics.

Example:
    >>> metrics = evaluate_nli("models/claimdiff-nli-minilm-l6", ["snli"], data_dir="../shared/data")  # doctest: +SKIP
    >>> metrics["snli/accuracy"]  # doctest: +SKIP
    0.86
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from claimdiff.evaluation.data import resolve_data_dir
from claimdiff.evaluation.nli_data import BUILT_IN, READERS, load_nli_set
from claimdiff.nli import LABELS, NLIModel

logger = logging.getLogger(__name__)


def classification_metrics(gold: Sequence[str], pred: Sequence[str], prefix: str) -> dict[str, float]:
    """Accuracy and per-class precision / recall / F1, keys prefixed with ``prefix/``."""
    metrics = {f"{prefix}/accuracy": sum(g == p for g, p in zip(gold, pred)) / max(len(gold), 1),
               f"{prefix}/n": float(len(gold))}
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, pred))
        predicted, actual = sum(p == label for p in pred), sum(g == label for g in gold)
        precision = tp / predicted if predicted else 0.0
        recall = tp / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        metrics.update({f"{prefix}/{label}/precision": precision, f"{prefix}/{label}/recall": recall,
                        f"{prefix}/{label}/f1": f1})
    return metrics


def calibration_error(gold: Sequence[str], probs: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error: how far the top probability is from the accuracy it claims, averaged
    over ``bins`` equal-width confidence bins weighted by their pairs (0 = calibrated)."""
    if len(gold) == 0:
        return 0.0
    confidence = probs.max(axis=1)
    correct = probs.argmax(axis=1) == np.array([LABELS.index(g) for g in gold])
    which = np.minimum((confidence * bins).astype(int), bins - 1)
    return float(sum(abs(confidence[which == b].mean() - correct[which == b].mean()) * (which == b).sum()
                     for b in range(bins) if (which == b).any()) / len(gold))


def fit_temperature(gold: Sequence[str], probs: np.ndarray, grid: Sequence[float] | None = None) -> float:
    """The temperature T that makes ``softmax(log(probs) / T)`` fit ``gold`` best (least negative log-likelihood),
    searched on ``grid`` (default 0.25 to 4 in steps of 0.01). ``log(probs)`` equals the logits up to a constant
    per row, so probabilities made at temperature 1 are enough."""
    if len(gold) == 0:
        raise ValueError("No rows to fit a temperature on.")
    y = np.array([LABELS.index(g) for g in gold])
    log_p = np.log(np.clip(probs, 1e-12, 1.0))
    candidates = np.arange(0.25, 4.0001, 0.01) if grid is None else np.asarray(grid, dtype=float)
    return float(min(candidates, key=lambda t: -np.log(rescale(log_p, t)[np.arange(len(y)), y] + 1e-12).mean()))


def rescale(log_probs: np.ndarray, temperature: float) -> np.ndarray:
    """``softmax(log_probs / temperature)`` row by row."""
    z = log_probs / temperature
    z = np.exp(z - z.max(axis=1, keepdims=True))
    return z / z.sum(axis=1, keepdims=True)


def evaluate_nli(model: NLIModel | str | os.PathLike | None, sets: Sequence[str] = ("snli", "taxinli"),
                 data_dir: str | os.PathLike | None = None, split: str = "validation", batch_size: int = 64,
                 limit: int | None = None) -> dict[str, Any]:
    """Score an NLI model on each named set; the result also records model, split, data and timing.

    Two-way sets (FEVER: no neutral gold) are scored as three-way: a neutral prediction counts as wrong.
    ``NAME/ece`` is the expected calibration error of the model's top probability on that set.
    """
    unknown = [s for s in sets if s not in READERS]
    if unknown:
        raise ValueError(f"Unknown NLI sets {unknown}; choose from {sorted(READERS)}.")
    nli = model if isinstance(model, NLIModel) else NLIModel.from_pretrained(model)
    # The built-in sets (generated pairs, the seed cases) need no data folder.
    root = resolve_data_dir(data_dir) if set(sets) - BUILT_IN else None
    result: dict[str, Any] = {"model": nli.name, "split": split, "data_dir": str(root) if root else None}
    for name in sets:
        rows = load_nli_set(name, root, split)[:limit]
        start = time.perf_counter()
        probs = nli.predict([(r.premise, r.hypothesis) for r in rows], batch_size=batch_size)
        elapsed = time.perf_counter() - start
        pred = [LABELS[i] for i in probs.argmax(axis=1)]
        result.update(classification_metrics([r.label for r in rows], pred, name))
        result[f"{name}/ece"] = calibration_error([r.label for r in rows], probs)
        result[f"{name}/pairs_per_s"] = len(rows) / elapsed if elapsed else 0.0
        logger.info("%s: accuracy %.4f on %d pairs", name, result[f"{name}/accuracy"], len(rows))
    return result
