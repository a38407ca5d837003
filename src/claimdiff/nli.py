"""The NLI stage: a transformers cross-encoder that scores (premise, hypothesis) pairs.

(Over 500 lines: the single model, its cascade with an accurate model and the BERT fast path share the
pair scorer, its cache and its counters.)

Any sequence-classification NLI model works, from a local folder or a Hub id. Labels are looked up by
name in ``config.id2label`` because model families order them differently.

Example:
    >>> from claimdiff import NLIModel
    >>> nli = NLIModel.from_pretrained("models/claimdiff-nli-minilm-l6")  # doctest: +SKIP
    >>> nli.predict([("Azerbaijan shelled Goris.", "No shells fell on Goris.")])  # doctest: +SKIP
    array([[0.01, 0.02, 0.97]], dtype=float32)   # columns: entailment, neutral, contradiction

:class:`CascadeNLI` puts a fast model in front of an accurate one: the accurate model re-judges only the pairs the
fast one reads near a decision.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import logging
import os
import threading
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path

import numpy as np
import torch
from tqdm.auto import tqdm

from claimdiff._paths import checkout_root

logger = logging.getLogger(__name__)

LABELS = ("entailment", "neutral", "contradiction")
# Names that model families give the same class; matched case-insensitively.
_LABEL_SYNONYMS = {
    "entailment": ("entailment", "entails", "entailed", "supports"),
    "neutral": ("neutral", "not_enough_info", "unknown"),
    "contradiction": ("contradiction", "contradicts", "contradictory", "refutes"),
}
MODELS_ENV = "CLAIMDIFF_MODELS"
#: The fast model: since 2026-12-06 (session from 06:32 UTC) claimdiff-nli-minilm-l6 with its top 3 layers trained on
#: the judge's questions about 15 written news parts, shipped as a patch over it (its card). On the validation parts
#: written_n to written_s (totals only, never trained on) the default cascade found 678 of 1,086 contradiction pairs
#: and flagged 220 of 840 compatible ones with it, against 663 / 235 with claimdiff-nli-minilm-l6.
DEFAULT_NLI_MODEL = "claimdiff-nli-minilm-news"
#: The accurate model that the default pipeline runs behind the fast one when it is installed (a cascade). Since
#: 2026-12-06 the news-trained patch over claimdiff-nli-mpnet-base: on the validation parts written_n, written_o and
#: written_p (totals only, never trained on) the cascade at margin 0.2 found 375 of 644 contradiction pairs and
#: flagged 81 of 401 compatible ones, against 331 / 70 with the base model and 343 / 82 with the fast model alone.
ACCURATE_NLI_MODEL = "claimdiff-nli-mpnet-news"
#: A pair goes to the accurate model when the fast model's two most likely labels are closer than this. 0.5 until
#: 2026-12-06 (chosen on SNLI/TaxiNLI agreement with the accurate model); since the fast model was trained on
#: conflict-news pairs (its stage 5) and the accurate one was not, the accurate one overrules its news readings
#: more often wrongly than rightly: on written_n, the rules' validation part, 91 / 11 found / compatible flagged at
#: 0.5, 97 / 11 at 0.3, 101 / 12 at 0.2, 108 / 15 the fast model alone (written_l, a development part: 105 / 8,
#: 109 / 12, 112 / 13, 123 / 14). 0.2 re-judges fewer pairs, so it is faster too, and agrees less with the accurate
#: model alone on SNLI/TaxiNLI (its card). Kept with the news-trained accurate model (claimdiff-nli-mpnet-news): on
#: written_n, written_o and written_p together 375 / 81 at 0.2, 395 / 88 at 0.5.
DEFAULT_MARGIN = 0.2
#: A model folder may hold only some tensors (``patch.safetensors``) over a shipped model that its config names
#: (``claimdiff_patch_of``): a model fine-tuned further with its lower layers frozen ships at a fraction of its size.
PATCH_FILE = "patch.safetensors"
# Weights and activations per precision name. fp32 gives the reference labels; bf16 is the fast CPU path on
# AMX/AVX512-BF16 chips (benchmarks/bench_nli.py measures its agreement); fp16 is for GPUs.
PRECISIONS = {"fp32": torch.float32, "bf16": torch.bfloat16, "fp16": torch.float16}
# Pairs tokenised per call in predict(); their token lists are held at once (on the PolNeAR corpus benchmark,
# chunks of 8,192 raised the peak by ~180 MiB over 2,048, at the same speed)
_TOKENIZE_CHUNK = 2048


class ModelLoadError(ValueError):
    """A model folder or id that cannot serve as an NLI model; the message says what to do instead."""


def models_dir() -> Path:
    """Where shipped models live: ``$CLAIMDIFF_MODELS``, else ``models/`` at the root of the checkout (or of the
    working directory when there is none, so that the missing-model error names a path)."""
    env = os.environ.get(MODELS_ENV)
    return Path(env) if env else (checkout_root() or Path.cwd()) / "models"


def installed_model_path(name: str) -> Path | None:
    """The folder of shipped model ``name`` installed as a package (``pip install models/<name>``), else None."""
    package = name.replace("-", "_")
    if importlib.util.find_spec(package) is None:
        return None
    folder = Path(str(resources.files(package)))
    return folder if (folder / "config.json").is_file() else None


def shipped_model_path(name: str, what: str, train_script: str, error: type[Exception],
                       instead: str = "pass a model folder") -> Path:
    """The folder of a model that ships under ``models/`` (or ``$CLAIMDIFF_MODELS``), else of its installed
    package (outside a checkout, when ``$CLAIMDIFF_MODELS`` is not set); when it is missing, ``error`` says how to
    get it back."""
    path = models_dir() / name
    if not (path / "config.json").is_file() and MODELS_ENV not in os.environ:
        path = installed_model_path(name) or path
    if not (path / "config.json").is_file():
        raise error(
            f"{what} is missing: no {path / 'config.json'}. It ships in the repository under models/{name}; install "
            f"it with `pip install models/{name}` from a checkout; in a checkout without it, train it with "
            f"`python {train_script} --data ../shared/data --out runs/{name}` and copy runs/{name}/final there, set "
            f"{MODELS_ENV} to the folder that holds it, or {instead}."
        )
    return path


def default_model_path() -> Path:
    return shipped_model_path(DEFAULT_NLI_MODEL, "The default NLI model", "scripts/train_nli.py", ModelLoadError,
                              instead="pass model=<any NLI model folder or Hub id>")


@contextlib.contextmanager
def quiet_loading() -> Iterator[None]:
    """transformers' "Loading weights" bars off while a model loads (restored after): they tell a reader
    nothing, and show on every ``from_pretrained``."""
    from transformers.utils import logging as hf_logging

    was_on = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_on:
            hf_logging.enable_progress_bar()


def pick_device(device: str | torch.device | None = None) -> torch.device:
    """``device`` as a torch device (``None``: CUDA when there is one, else the CPU).

    Raises:
        ValueError: the device is not one torch knows, or CUDA is asked for where torch has none (a CPU build
            or no GPU), instead of torch's bare AssertionError later.
    """
    if device is not None:
        try:
            chosen = torch.device(device)
        except (RuntimeError, TypeError) as err:
            raise ValueError(f"Unknown device {device!r}: {err}. Use 'cpu', 'cuda' or 'cuda:N'.") from err
        if chosen.type == "cuda" and not torch.cuda.is_available():
            build = "this torch is a CPU build" if torch.version.cuda is None else "no CUDA GPU is visible"
            raise ValueError(f"device={str(device)!r} but {build}; pass device='cpu' (or leave it out).")
        return chosen
    chosen = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    logger.info("Using device %s", chosen)
    return chosen


def torch_dtype(precision: str) -> torch.dtype:
    """The dtype of a precision name (:data:`PRECISIONS`: ``"fp32"``, ``"bf16"``, ``"fp16"``).

    Raises:
        ValueError: any other name.
    """
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {sorted(PRECISIONS)}, got {precision!r}.")
    return PRECISIONS[precision]


def cpu_has_bf16() -> bool:
    """Whether this CPU computes bf16 natively (AMX or AVX512-BF16 on x86 Linux); elsewhere bf16 is emulated
    and slower than fp32, so the fast bf16 defaults are not taken."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            flags = next((line.split(":", 1)[1].split() for line in f if line.startswith("flags")), [])
    except OSError:
        return False
    return "amx_bf16" in flags or "avx512_bf16" in flags


def pipeline_precision(device: torch.device, precision: str | None) -> str | None:
    """The NLI models' precision in the pipeline and in a cascade: the one asked for, else bf16 on a CPU that
    computes it natively (else the device's default). :meth:`NLIModel.from_pretrained` alone keeps fp32 on CPU,
    the reference labels of ``evaluate-nli`` and calibration. Measured 2026-12-04: the accurate model ran 2.1x
    faster in bf16 with the same label on 500 of 500 news pairs; the fast one 0.997 label agreement on SNLI and
    TaxiNLI (benchmarks/RESULTS.md); the pipeline 1.45x faster on 50 PolNeAR articles; the contradiction
    benchmarks within one pair of fp32 (README)."""
    if precision is None and device.type == "cpu" and cpu_has_bf16():
        return "bf16"
    return precision


def label_columns(id2label: dict) -> list[int | None]:
    """Model output index for each of LABELS (None for a 2-way model's missing neutral).

    Raises:
        ModelLoadError: when there is no entailment or no contradiction label.
    """
    names = {int(i): str(name).strip().lower() for i, name in id2label.items()}
    columns: list[int | None] = []
    for label in LABELS:
        hits = [i for i, name in names.items() if name in _LABEL_SYNONYMS[label]]
        columns.append(hits[0] if hits else None)
    if columns[0] is None or columns[2] is None:
        raise ModelLoadError(
            f"Not an NLI model: its labels are {sorted(set(names.values()))}, but an NLI model needs an "
            "'entailment' and a 'contradiction' label (and usually 'neutral') in config.id2label. "
            "Pass a 3-way NLI cross-encoder such as the shipped models/claimdiff-nli-minilm-l6."
        )
    return columns


class _Counter:
    """A count kept in all and per thread, so that a report counts its own pairs while other threads share the
    model."""

    def __init__(self) -> None:
        self.total = 0
        self._here = threading.local()
        self._lock = threading.Lock()

    def add(self, n: int) -> None:
        with self._lock:
            self.total += n
        self._here.n = self.in_thread + n

    @property
    def in_thread(self) -> int:
        return getattr(self._here, "n", 0)


class _RecentResults:
    """The probabilities of recently scored pairs, keyed by a 128-bit digest of the pair's texts.

    Two generations: a pair found in the older one moves to the newer, and once the newer holds ``size`` pairs it
    becomes the older and the older is dropped whole. So the last ``size`` distinct pairs asked for are always kept
    (as a least-recently-used cache of ``size`` would), and at most twice as many. Why not an ordered dict of the
    pairs: its ~5 small objects a pair, the pair's texts among them, outlive each chunk of a long run, scattered
    over Python's object arenas. Here a pair is two small bytes objects, and a dropped generation frees its pairs
    together: a long run's RSS was 10-25 MiB lower (benchmarks/RESULTS.md), though it still grows in steps.
    """

    def __init__(self, size: int):
        self.size = size
        self._new: dict[bytes, bytes] = {}
        self._old: dict[bytes, bytes] = {}
        self._lock = threading.Lock()

    @staticmethod
    def key(pair: tuple[str, str]) -> bytes:
        # 0xFF never occurs in UTF-8, so it separates premise and hypothesis unambiguously.
        text = pair[0].encode("utf-8", "surrogatepass") + b"\xff" + pair[1].encode("utf-8", "surrogatepass")
        return hashlib.blake2b(text, digest_size=16).digest()

    def __len__(self) -> int:
        return len(self._new) + len(self._old)

    def get(self, keys: Sequence[bytes]) -> list[np.ndarray | None]:
        """The probabilities of each key, None where not kept."""
        found: list[np.ndarray | None] = []
        with self._lock:
            for key in keys:
                value = self._new.get(key)
                if value is None:
                    value = self._old.pop(key, None)
                    if value is not None:
                        self._put(key, value)
                found.append(None if value is None else np.frombuffer(value, dtype=np.float32))
        return found

    def put(self, keys: Sequence[bytes], rows: np.ndarray) -> None:
        with self._lock:
            for key, row in zip(keys, np.asarray(rows, dtype=np.float32)):
                self._put(key, row.tobytes())

    def _put(self, key: bytes, value: bytes) -> None:
        if len(self._new) >= self.size:
            self._old, self._new = self._new, {}
        self._new[key] = value

    def clear(self) -> None:
        with self._lock:
            self._new, self._old = {}, {}


class _PairScorer:
    """What the pipeline asks of an NLI engine: :meth:`predict`, and both directions of each pair at once."""

    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = 32,
                show_progress_bar: bool | None = None) -> np.ndarray:
        raise NotImplementedError

    def predict_both(self, pairs: Sequence[tuple[str, str]], batch_size: int = 32,
                     show_progress_bar: bool | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Scores for (a, b) and (b, a) of each pair, run as one batch job."""
        pairs = _check_pairs(pairs)
        both = self.predict(pairs + [(b, a) for a, b in pairs], batch_size, show_progress_bar)
        return both[: len(pairs)], both[len(pairs) :]


class NLIModel(_PairScorer):
    """A batched NLI cross-encoder. Create it with :meth:`from_pretrained`."""

    def __init__(self, model, tokenizer, device: torch.device, name: str, max_length: int = 256,
                 cache_size: int = 50_000, temperature: float = 1.0):
        if not temperature > 0:
            raise ValueError(f"temperature must be positive, got {temperature}.")
        self.model = model.eval()
        # Logits are divided by this before the softmax (fixed per model: cached results depend on it).
        self.temperature = float(temperature)
        self.tokenizer = tokenizer
        self.device = device
        self.name = name
        self.max_length = max_length
        self.columns = label_columns(model.config.id2label)
        # Results of recent pairs: a corpus repeats wire copies, and stances re-score the same contents.
        self.cache_size = cache_size
        self._cache = _RecentResults(cache_size)
        # Pairs that went through the model (not served by de-duplication or the cache).
        self._computed = _Counter()
        # BERT-family classifiers read only the [CLS] row of the last layer: compute only that row there.
        self.cls_only_last_layer = _is_plain_bert_classifier(model)

    @property
    def precision(self) -> str:
        dtype = next(self.model.parameters()).dtype
        return next((name for name, d in PRECISIONS.items() if d == dtype), str(dtype))

    @classmethod
    def from_pretrained(
        cls,
        name_or_path: str | os.PathLike | None = None,
        device: str | torch.device | None = None,
        revision: str | None = None,
        local_files_only: bool = False,
        max_length: int = 256,
        precision: str | None = None,
        cache_size: int = 50_000,
        temperature: float | None = None,
        **hf_kwargs,
    ) -> NLIModel:
        """Load an NLI model from a local folder or a Hub id (``None`` loads the shipped default).

        Args:
            precision: ``"fp32"``, ``"bf16"`` or ``"fp16"``; default fp32 on CPU (the reference labels) and
                fp16 on CUDA. ``"bf16"`` roughly doubles CPU speed on chips with AMX or AVX512-BF16.
            cache_size: results of the last this many distinct pairs (at most twice as many) are kept and reused
                (0 turns the cache off).
            temperature: logits are divided by it before the softmax; default the model's own
                ``config.claimdiff_temperature`` (fitted by ``scripts/calibrate_nli.py``), else 1. Labels do not
                depend on it, probabilities and so the judge's thresholds do.

        Extra keyword arguments go to ``AutoModelForSequenceClassification.from_pretrained``.

        Raises:
            ModelLoadError: the folder is missing, holds no model, or the model has no NLI labels.
            ValueError: an unknown precision.
        """
        chosen = pick_device(device)
        if precision is None:
            precision = "fp16" if chosen.type == "cuda" else "fp32"
        dtype = torch_dtype(precision)
        from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer

        path = default_model_path() if name_or_path is None else name_or_path
        as_path = Path(path).expanduser()
        looks_local = as_path.exists() or str(path).startswith((".", "/", "~")) or str(path).count("/") > 1
        if looks_local:
            if as_path.is_file():
                raise ModelLoadError(f"{str(as_path)!r} is a file; an NLI model is a folder (config.json, weights, "
                                     "tokenizer). Pass the folder that holds it.")
            if not as_path.is_dir():
                raise ModelLoadError(f"NLI model folder {str(as_path)!r} does not exist. Pass an existing folder "
                                     "or a Hub id such as 'cross-encoder/nli-MiniLM2-L6-H768'.")
            if not (as_path / "config.json").is_file():
                raise ModelLoadError(f"{str(as_path)!r} holds no config.json, so it is not a transformers model "
                                     "folder. Save a model there with save_pretrained() or pass another folder.")
            path = str(as_path)
        options = dict(revision=revision, local_files_only=local_files_only, trust_remote_code=False)
        try:
            config = AutoConfig.from_pretrained(path, **options)
        except OSError as err:
            raise ModelLoadError(f"Could not load an NLI model from {str(path)!r}: {err}. Without network access "
                                 "only local folders work; the shipped default is models/claimdiff-nli-minilm-news."
                                 ) from err
        label_columns(config.id2label)  # refuse a non-NLI model before loading its weights
        try:
            tokenizer = AutoTokenizer.from_pretrained(path, **options)
            patch_of = getattr(config, "claimdiff_patch_of", None)
            with quiet_loading():
                model = AutoModelForSequenceClassification.from_pretrained(
                    patched_base_path(patch_of) if patch_of else path, config=config, use_safetensors=True,
                    dtype=torch.float32, **options, **hf_kwargs
                )
            if patch_of:
                lay_patch(model, Path(path) / PATCH_FILE)
        except ModelLoadError:  # a patch without its base model, or with tensors the base does not have
            raise
        except (OSError, ValueError) as err:  # a config without weights (or tokenizer), or pickled weights only
            raise ModelLoadError(f"{str(path)!r} has an NLI config but its weights or tokenizer could not be "
                                 f"loaded: {err}. claimdiff loads safetensors weights only.") from err
        model = model.to(device=chosen, dtype=dtype)
        if temperature is None:
            temperature = float(getattr(config, "claimdiff_temperature", 1.0))
        return cls(model, tokenizer, chosen, name=str(path), max_length=max_length, cache_size=cache_size,
                   temperature=temperature)

    @property
    def pairs_computed(self) -> int:
        """Pairs that went through the model (not served by de-duplication or the cache)."""
        return self._computed.total

    @property
    def pairs_computed_in_thread(self) -> int:
        """:attr:`pairs_computed` by the calling thread only."""
        return self._computed.in_thread

    @torch.inference_mode()
    def predict(
        self,
        pairs: Sequence[tuple[str, str]],
        batch_size: int = 32,
        show_progress_bar: bool | None = None,
    ) -> np.ndarray:
        """Probabilities for each (premise, hypothesis) pair, columns in ``LABELS`` order.

        Pairs are de-duplicated, looked up in the cache of recent results, and the rest sorted by token count
        before batching; the result is in input order and does not depend on ``batch_size``.
        """
        pairs = _check_pairs(pairs)
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}.")
        unique = list(dict.fromkeys(pairs))
        position = {pair: i for i, pair in enumerate(unique)}
        probs = np.zeros((len(unique), len(LABELS)), dtype=np.float32)
        todo = []
        keys = [self._cache.key(pair) for pair in unique] if self.cache_size > 0 else []
        for i, hit in enumerate(self._cache.get(keys) if keys else [None] * len(unique)):
            if hit is None:
                todo.append(i)
            else:
                probs[i] = hit
        if show_progress_bar is None:
            show_progress_bar = logger.getEffectiveLevel() <= logging.INFO and len(todo) > 4 * batch_size
        # delay: the bar appears only on runs longer than two seconds, so short jobs stay quiet.
        bar = tqdm(total=len(todo), desc="NLI", unit="pair", disable=not show_progress_bar, delay=2.0)
        # Tokenise a chunk in one call (the fast tokenizer's batch path), then batch pairs of equal token length:
        # sorting by tokens, not characters, pads about 13% fewer tokens on SNLI + TaxiNLI. Chunks bound memory.
        for chunk_start in range(0, len(todo), _TOKENIZE_CHUNK):
            chunk = todo[chunk_start : chunk_start + _TOKENIZE_CHUNK]
            enc = self.tokenizer([unique[i][0] for i in chunk], [unique[i][1] for i in chunk],
                                 truncation=True, max_length=self.max_length)
            order = sorted(range(len(chunk)), key=lambda j: len(enc["input_ids"][j]))
            for start in range(0, len(order), batch_size):
                rows = order[start : start + batch_size]
                batch = self.tokenizer.pad({key: [values[j] for j in rows] for key, values in enc.items()},
                                           return_tensors="pt").to(self.device)
                out = torch.softmax(self._logits(batch).float() / self.temperature, dim=-1).cpu().numpy()
                idx = [chunk[j] for j in rows]
                for col, src in enumerate(self.columns):
                    if src is not None:
                        probs[idx, col] = out[:, src]
                bar.update(len(rows))
        bar.close()
        self._computed.add(len(todo))
        if self.cache_size > 0:
            self._cache.put([keys[i] for i in todo], probs[todo])
        return probs[[position[p] for p in pairs]] if pairs else probs

    def _logits(self, batch) -> torch.Tensor:
        if self.cls_only_last_layer:
            return _bert_logits_cls_only(self.model, batch)
        return self.model(**batch).logits

    def clear_cache(self) -> None:
        self._cache.clear()

    def __repr__(self) -> str:
        return (f"NLIModel({self.name!r}, device={self.device}, precision={self.precision!r}, "
                f"temperature={self.temperature:g})")


def near_decision(probs: np.ndarray, margin: float) -> np.ndarray:
    """Rows whose two most likely labels are less than ``margin`` apart: the reading could go either way.

    >>> near_decision(np.array([[0.9, 0.05, 0.05], [0.45, 0.15, 0.4]]), margin=0.2).tolist()
    [False, True]
    """
    top_two = np.sort(probs, axis=1)[:, -2:]
    return (top_two[:, 1] - top_two[:, 0]) < margin


class CascadeNLI(_PairScorer):
    """A fast NLI model that judges every pair, and an accurate one that re-judges the pairs the fast one reads
    near a decision (its two most likely labels closer than ``margin``). Most pairs of a news corpus are
    plainly unrelated, so the accurate model runs on a small share and the corpus costs little more than the
    fast model alone (``benchmarks/bench_nli.py`` measures the speed and the agreement with the accurate model).

    Args:
        fast, accurate: two NLI engines (:class:`NLIModel`), usually the shipped MiniLM and MPNet models.
        margin: 0 runs the fast model alone, 1 sends every pair to the accurate model too.

    Counters: :attr:`rejudged` (pair scores the accurate model gave) and :attr:`overruled` (of those, the ones
    whose most likely label changed), in all and, with ``_in_thread``, for the calling thread.
    """

    def __init__(self, fast: NLIModel, accurate: NLIModel, margin: float = DEFAULT_MARGIN):
        if not 0.0 <= margin <= 1.0:
            raise ValueError(f"margin must be in [0, 1], got {margin}.")
        self.fast, self.accurate, self.margin = fast, accurate, float(margin)
        self.device = fast.device
        self.name = f"{fast.name} -> {accurate.name}"
        self._rejudged, self._overruled = _Counter(), _Counter()

    @classmethod
    def from_pretrained(cls, fast: str | os.PathLike | None = None, accurate: str | os.PathLike | None = None,
                        margin: float = DEFAULT_MARGIN, **options) -> CascadeNLI:
        """Load both models (``None``: the shipped ones); ``options`` go to both :meth:`NLIModel.from_pretrained`;
        without a ``precision`` both run in bf16 where the CPU computes it natively (:func:`pipeline_precision`)."""
        accurate_path = accurate_model_path() if accurate is None else accurate
        if accurate_path is None:
            raise ModelLoadError(f"The accurate NLI model is not installed: no models/{ACCURATE_NLI_MODEL} and no "
                                 f"package {ACCURATE_NLI_MODEL.replace('-', '_')}. Pass accurate=<an NLI model folder>.")
        options["precision"] = pipeline_precision(pick_device(options.get("device")), options.get("precision"))
        return cls(NLIModel.from_pretrained(fast, **options), NLIModel.from_pretrained(accurate_path, **options), margin)

    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = 32,
                show_progress_bar: bool | None = None) -> np.ndarray:
        """Probabilities for each pair, columns in ``LABELS`` order: the fast model's, or the accurate model's
        where the fast one is near a decision."""
        pairs = _check_pairs(pairs)
        probs = self.fast.predict(pairs, batch_size, show_progress_bar)
        again = np.flatnonzero(near_decision(probs, self.margin)) if len(probs) else np.zeros(0, dtype=int)
        if len(again):
            second = self.accurate.predict([pairs[i] for i in again], batch_size, show_progress_bar)
            self._overruled.add(int((second.argmax(axis=1) != probs[again].argmax(axis=1)).sum()))
            probs[again] = second
        self._rejudged.add(len(again))
        return probs

    @property
    def rejudged(self) -> int:
        return self._rejudged.total

    @property
    def overruled(self) -> int:
        return self._overruled.total

    @property
    def rejudged_in_thread(self) -> int:
        return self._rejudged.in_thread

    @property
    def overruled_in_thread(self) -> int:
        return self._overruled.in_thread

    @property
    def pairs_computed(self) -> int:
        """Pairs that went through either model."""
        return self.fast.pairs_computed + self.accurate.pairs_computed

    @property
    def pairs_computed_in_thread(self) -> int:
        return self.fast.pairs_computed_in_thread + self.accurate.pairs_computed_in_thread

    @property
    def precision(self) -> str:
        """The fast model's precision, and the accurate one's when it differs (``"fp32+bf16"``)."""
        fast, accurate = self.fast.precision, self.accurate.precision
        return fast if fast == accurate else f"{fast}+{accurate}"

    def clear_cache(self) -> None:
        self.fast.clear_cache()
        self.accurate.clear_cache()

    def __repr__(self) -> str:
        return f"CascadeNLI(fast={self.fast!r}, accurate={self.accurate!r}, margin={self.margin:g})"


def patched_base_path(name: str) -> Path:
    """The shipped model that a patch folder's config names as the one it is laid over."""
    return shipped_model_path(name, f"The model {name!r} that this NLI model is a patch of", "scripts/train_nli.py",
                              ModelLoadError)


def lay_patch(model: torch.nn.Module, patch_file: Path) -> None:
    """Replace ``model``'s tensors by those in ``patch_file``; every one of them must name a tensor of the model."""
    from safetensors.torch import load_file

    if not patch_file.is_file():
        raise ModelLoadError(f"{str(patch_file.parent)!r} names a model it patches but holds no {PATCH_FILE}.")
    patch = load_file(str(patch_file))
    unknown = sorted(set(patch) - set(model.state_dict()))
    if unknown:
        raise ModelLoadError(f"{str(patch_file)!r} holds tensors that the model it patches does not have: "
                             f"{', '.join(unknown[:3])}{' ...' if len(unknown) > 3 else ''}")
    model.load_state_dict(patch, strict=False)


def accurate_model_path() -> Path | None:
    """The shipped accurate NLI model's folder when it is installed (in ``models/`` or as a package), else None:
    it is optional, and the pipeline runs the fast model alone without it."""
    try:
        path = shipped_model_path(ACCURATE_NLI_MODEL, "The accurate NLI model", "scripts/train_nli.py", ModelLoadError)
        patch_of = json.loads((path / "config.json").read_text()).get("claimdiff_patch_of")
        if patch_of:
            patched_base_path(patch_of)  # a patch without the model it is laid over cannot load
        return path
    except ModelLoadError:
        return None


def _check_pairs(pairs) -> list[tuple[str, str]]:
    if isinstance(pairs, (str, bytes)) or not isinstance(pairs, Sequence):
        raise TypeError(f"pairs must be a list of (premise, hypothesis) string pairs, got {type(pairs).__name__}.")
    checked = []
    for i, pair in enumerate(pairs):
        if not (isinstance(pair, (tuple, list)) and len(pair) == 2 and all(isinstance(t, str) for t in pair)):
            raise TypeError(f"pairs[{i}] must be a (premise, hypothesis) pair of strings, got {pair!r:.80}.")
        checked.append((pair[0], pair[1]))
    return checked


def _is_plain_bert_classifier(model) -> bool:
    """Whether ``model`` is a stock BERT sequence classifier (MiniLM is one): an encoder-only BertModel with
    absolute positions and a pooler over [CLS], whose modules :func:`_bert_logits_cls_only` knows."""
    from transformers import BertForSequenceClassification

    config = model.config
    return (
        type(model) is BertForSequenceClassification
        and model.bert.pooler is not None
        and not config.is_decoder
        and not getattr(config, "add_cross_attention", False)
        and getattr(config, "position_embedding_type", "absolute") == "absolute"
        and config.problem_type in (None, "single_label_classification")
    )


def _bert_logits_cls_only(model, batch) -> torch.Tensor:
    """The logits of ``model(**batch)`` (eval mode), with the last layer computed for the [CLS] row only.

    The classifier reads the pooler, and the pooler reads only the [CLS] row of the last layer. So that layer
    needs keys and values for every token but its query, attention output and feed-forward for one row: about
    a seventh of MiniLM-L6's matrix products saved (1.18-1.20x in benchmarks/bench_nli.py), the same logits to
    float rounding (tests compare them).
    """
    bert = model.bert
    hidden = bert.embeddings(input_ids=batch["input_ids"], token_type_ids=batch.get("token_type_ids"))
    keep = batch["attention_mask"][:, None, None, :].bool()  # (batch, 1, 1, tokens): True where a real token
    layers = bert.encoder.layer
    for n, layer in enumerate(layers):
        hidden = _bert_layer(layer, hidden, keep, cls_only=n == len(layers) - 1)
    return model.classifier(bert.pooler(hidden))


def _bert_layer(layer, hidden: torch.Tensor, keep: torch.Tensor, cls_only: bool) -> torch.Tensor:
    attention = layer.attention.self
    batch, _, width = hidden.shape
    heads, head_size = attention.num_attention_heads, attention.attention_head_size
    rows = hidden[:, :1] if cls_only else hidden

    def split_heads(x: torch.Tensor) -> torch.Tensor:
        return x.view(batch, -1, heads, head_size).transpose(1, 2)

    context = torch.nn.functional.scaled_dot_product_attention(
        split_heads(attention.query(rows)), split_heads(attention.key(hidden)), split_heads(attention.value(hidden)),
        attn_mask=keep,  # the default scale, 1/sqrt(head size), is BERT's
    )
    context = context.transpose(1, 2).reshape(batch, -1, width)
    attended = layer.attention.output(context, rows)  # dense, residual, LayerNorm
    return layer.output(layer.intermediate(attended), attended)
