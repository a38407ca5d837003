"""The ``ClaimDiff`` pipeline: composes segment → resolve → pair → nli/judge into a :class:`Report`.

It owns model loading, device and batch size; every stage is also usable on its own.

Example:
    >>> import claimdiff
    >>> cd = claimdiff.ClaimDiff.from_pretrained()          # shipped models, offline  # doctest: +SKIP
    >>> report = cd.analyze(open("seeds/000_c4e10aff8d545da5.txt").read())  # doctest: +SKIP
    >>> report.to_pandas().head()  # doctest: +SKIP
    >>> report.to_pandas("positions")  # each side's stance on the pack's contested questions  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import itertools
import logging
import os
import signal
import sys
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tqdm.auto import tqdm

from claimdiff._content_cache import clear_content_caches
from claimdiff.actors import ActorRegistry
from claimdiff.attribution import EXTRACTORS, segment  # noqa: F401 (EXTRACTORS: claimdiff.pipeline.EXTRACTORS)
from claimdiff.attribution import extractor as _extractor
from claimdiff.blame import mark_mutual_blame
from claimdiff.claims import denied_claims, group_claims, link_denials, one_per_claim_pair
from claimdiff.corpus import REPLACEMENT, UniqueIds, clean_text, iter_documents
from claimdiff.judge import judge
from claimdiff.nli import DEFAULT_MARGIN, CascadeNLI, NLIModel, accurate_model_path, pick_device, pipeline_precision
from claimdiff.pairing import SentenceEncoder, candidate_pairs
from claimdiff.records import Document, DocumentError, Question, Statement
from claimdiff.report import Report
from claimdiff.resolve import resolve, split_joint
from claimdiff.stance import MIN_CONFIDENCE, MIN_RELEVANCE, counterclaims, load_questions, questions_from, score_stances

if TYPE_CHECKING:
    from claimdiff.batch import RunSummary
    from claimdiff.records import CandidatePair, Counterclaim, Stance, Verdict

logger = logging.getLogger(__name__)

MAX_CHARS = 1_000_000
# Below this share of Latin letters a text is taken as non-English: the cue patterns and the shipped
# NLI model are English-only, so such a document gets an error record instead of meaningless output.
MIN_LATIN_SHARE = 0.5
# Report.stats keys that time the stages (seconds, wall clock): they differ from run to run, so comparisons of
# two runs' figures leave them out.
TIMING_STATS = ("seconds_extraction", "seconds_pairing", "seconds_judging", "seconds_stance")
# Above this share of U+FFFD and control characters a text is taken as binary data (error row "not_text"):
# 4,096 random bytes decode to ~44% U+FFFD; a real article with a few bad bytes stays well under 1%.
MAX_NOT_TEXT_SHARE = 0.1


def extract(text: str, doc_id: str = "doc0", registry: ActorRegistry | None = None) -> list[Statement]:
    """Attributed statements of one text, with actors and sides resolved. Needs no model.

    Example:
        >>> s = extract("Yerevan dismissed as \\"groundless\\" the reports that Armenian units had shelled Tovuz.")
        >>> s[0].actor, s[0].polarity, s[0].content.text
        ('AM.GOV', 'denies', 'Armenian units had shelled Tovuz')
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() takes a str, got {type(text).__name__}; use ClaimDiff.analyze for many texts.")
    text = clean_text(text, doc_id)
    return resolve_sides(segment(text, doc_id), text, registry or ActorRegistry.default())


def resolve_sides(statements: list[Statement], text: str, registry: ActorRegistry,
                  outlet: str | None = None) -> list[Statement]:
    """One text's statements with actors and sides (:func:`claimdiff.resolve.resolve`), a statement of two sides at
    once written as one per side (:func:`claimdiff.resolve.split_joint`)."""
    return split_joint(resolve(statements, text, registry, outlet=outlet), registry)


def latin_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum("LATIN" in unicodedata.name(c, "") for c in letters) / len(letters)


def not_text_share(text: str) -> float:
    """Share of U+FFFD and control characters (other than whitespace) in ``text``."""
    if not text:
        return 0.0
    bad = sum(c == REPLACEMENT or (unicodedata.category(c) == "Cc" and c not in "\n\r\t\f\v") for c in text)
    return bad / len(text)


def check_document(doc: Document, max_chars: int = MAX_CHARS) -> DocumentError | None:
    """Why a document cannot be analysed, or None when it can."""
    if not doc.text.strip():
        return DocumentError(doc.id, "empty_text", "The document's text is empty or only whitespace.")
    if len(doc.text) > max_chars:
        return DocumentError(doc.id, "text_too_long",
                             f"The text has {len(doc.text):,} characters, over the limit of max_chars={max_chars:,}. "
                             "Split it into articles, or raise max_chars (memory and time grow with it).")
    junk = not_text_share(doc.text)
    if junk > MAX_NOT_TEXT_SHARE:
        return DocumentError(doc.id, "not_text",
                             f"{junk:.0%} of the characters are U+FFFD (undecodable bytes) or control characters, "
                             f"over {MAX_NOT_TEXT_SHARE:.0%}: this looks like binary data, not text. Decode it "
                             "with the right encoding first.")
    share = latin_share(doc.text)
    if share < MIN_LATIN_SHARE:
        return DocumentError(doc.id, "unsupported_language",
                             f"Only {share:.0%} of the letters are Latin; claimdiff's cue patterns and shipped NLI "
                             "model are English-only. Translate the text first or pass an English article.")
    return None


def _input_items(inputs: Any, text_column: str, id_column: str, caller: str) -> Iterable[Any]:
    """The items of what ``analyze``/``stream`` were given, lazily: one text, Document or dict as a list of one;
    the rows of a pandas DataFrame (iterating one gives its column names) or Series (its index gives the ids)
    or of a ``datasets.Dataset``; any other iterable as it is.

    Raises:
        ValueError: a table without ``text_column``, naming its columns.
        TypeError: anything else that is not an iterable of items, naming ``caller``.
    """
    kind = type(inputs).__name__
    if isinstance(inputs, (str, Document, Mapping)):
        return [inputs]
    if kind == "Series" and hasattr(inputs, "items"):
        return ({id_column: str(k), text_column: v} if isinstance(v, str) else v for k, v in inputs.items())
    columns = list(inputs.columns) if kind == "DataFrame" and hasattr(inputs, "iloc") else \
        getattr(inputs, "column_names", None)
    if columns is not None:
        if text_column not in columns:
            what = "DataFrame" if kind == "DataFrame" else "dataset"
            raise ValueError(f"No column {text_column!r} in the {what}; its columns are {columns}. "
                             "Pass text_column=<the column holding the article text>.")
        if kind == "DataFrame":  # rows as dicts of plain values, a block at a time
            return (row for at in range(0, len(inputs), 1000) for row in inputs.iloc[at:at + 1000].to_dict("records"))
        return inputs
    if not isinstance(inputs, Iterable) or isinstance(inputs, bytes):
        raise TypeError(f"{caller}() takes a str, a Document, a dict, an iterable of those, a pandas DataFrame or "
                        f"Series, or a datasets.Dataset; got {kind}.")
    return inputs


def to_documents(inputs: Any, text_column: str = "text", id_column: str = "id", start: int = 0,
                 ids: UniqueIds | None = None) -> tuple[list[Document], list[DocumentError]]:
    """Normalise str / Document / mapping / list / ``datasets.Dataset`` input into documents and error rows.

    Items without an id (or with a null one) are numbered ``doc{start}``, ``doc{start + 1}``, ...; a repeated
    id is made unique by ``ids`` (``same~2``; pass one :class:`~claimdiff.corpus.UniqueIds` for all chunks of
    a run); lone surrogates in a text become U+FFFD (:func:`~claimdiff.corpus.clean_text`). DocumentError items
    (from :func:`~claimdiff.corpus.iter_documents`) pass through as error rows.
    """
    ids = ids if ids is not None else UniqueIds()
    inputs = _input_items(inputs, text_column, id_column, "analyze")
    docs, errors = [], []
    for i, item in enumerate(inputs, start=start):
        if isinstance(item, Document):
            docs.append(item)
        elif isinstance(item, DocumentError):
            errors.append(item)
        elif isinstance(item, str):
            docs.append(Document(f"doc{i}", item))
        elif isinstance(item, Mapping):
            doc_id = f"doc{i}" if item.get(id_column) is None else str(item[id_column])
            if not isinstance(item.get(text_column), str):
                found = sorted(item)
                errors.append(DocumentError(doc_id, "missing_text",
                                            f"Row {i} has no string column {text_column!r}; its columns are {found}."))
                continue
            meta = {k: v for k, v in item.items() if k not in (text_column, id_column)}
            docs.append(Document(doc_id, item[text_column], meta))
        else:
            errors.append(DocumentError(f"doc{i}", "bad_input", f"Item {i} is a {type(item).__name__}, not a str, "
                                        "Document or dict."))
    docs = [dataclasses.replace(d, id=(unique := ids(d.id)), text=clean_text(d.text, unique)) for d in docs]
    return docs, errors


def chunk_documents(inputs: Any, chunk_size: int, text_column: str = "text", id_column: str = "id",
                    caller: str = "stream") -> Iterator[tuple[list[Document], list[DocumentError]]]:
    """``inputs`` read lazily, ``chunk_size`` items at a time, as :func:`to_documents` makes them: each item
    becomes one document or one error row, items without an id are numbered by their position in the whole
    input, and one :class:`~claimdiff.corpus.UniqueIds` spans all chunks, so ids do not depend on where a
    chunk starts (what lets a resumed run, :mod:`claimdiff.batch`, skip chunks and keep the same ids)."""
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, got {chunk_size}.")
    items = iter(_input_items(inputs, text_column, id_column, caller))
    start, ids = 0, UniqueIds()
    while chunk := list(itertools.islice(items, chunk_size)):
        yield to_documents(chunk, text_column, id_column, start=start, ids=ids)
        start += len(chunk)


def _pack_questions(registry: ActorRegistry | None) -> tuple[Question, ...]:
    """The questions of the pack a registry was read from; none when that file is not known."""
    if registry is None or registry is ActorRegistry.default():
        return load_questions()
    source = Path(registry.source)
    if source.suffix.lower() in (".yaml", ".yml", ".json") and source.is_file():
        return load_questions(source)
    logger.info("registry %r was not read from a file: no contested questions; pass questions=", registry.source)
    return ()


@dataclasses.dataclass(frozen=True)
class Extracted:
    """A chunk after the extraction stage (:meth:`ClaimDiff._extract`), what the comparison stage takes: all its
    documents, those analysed, their statements, the error rows so far, and the stage's seconds. The Ray engine
    hands it from its extraction workers to its comparison workers."""

    docs: list[Document]
    analysed: list[Document]
    statements: list[Statement]
    errors: list[DocumentError]
    seconds: float


def _pack_registry(pack: str | Path | None) -> ActorRegistry:
    """The actors of ``pack`` (a file), or the default pack's: read alike by a whole pipeline and by the extraction
    stage loaded alone, so that both resolve speakers the same way."""
    return ActorRegistry.from_file(pack) if pack else ActorRegistry.default()


@dataclasses.dataclass(frozen=True)
class Extraction:
    """The extraction stage alone: each document's statements found, attributed and resolved (no model but the
    tagger's). :meth:`ClaimDiff._extract` runs it; a worker that only extracts (the Ray engine's extraction actors)
    loads it by itself with :meth:`from_pretrained`, without the NLI models and the sentence encoder."""

    extract: Callable[[str, str], list[Statement]]
    registry: ActorRegistry
    max_chars: int = MAX_CHARS
    time_budget: float | None = None

    @classmethod
    def from_pretrained(cls, *, pack: str | Path | None = None, device: str | None = None,
                        extractor: str | Callable[[str, str], list[Statement]] = "rules_first",
                        max_chars: int = MAX_CHARS, time_budget: float | None = None, **_comparing: Any) -> Extraction:
        """What :meth:`ClaimDiff.from_pretrained` would extract with, from the same arguments (those of the later
        stages, such as ``model`` or ``threshold``, are taken and ignored)."""
        registry = _pack_registry(pack)
        return cls(_extractor(extractor, pick_device(device)), registry, max_chars, time_budget)

    def __call__(self, docs: list[Document], errors: list[DocumentError],
                 show_progress_bar: bool | None = None) -> Extracted:
        """The chunk's statements; a document that fails becomes an error row (appended to ``errors``)."""
        statements: list[Statement] = []
        analysed = []
        show = sys.stderr.isatty() and len(docs) >= 20 if show_progress_bar is None else show_progress_bar
        delay = 2.0 if show_progress_bar is None else 0.0  # unasked, only runs that take a while show one
        clock = time.perf_counter()
        for doc in tqdm(docs, desc="documents", unit="doc", disable=not show, delay=delay):
            found, problem = statements_of(doc, self.extract, self.registry, self.max_chars, self.time_budget)
            if problem is not None:
                logger.warning("%s: %s", doc.id, problem.message)
                errors.append(problem)
                continue
            analysed.append(doc)
            statements.extend(found)
        return Extracted(docs, analysed, statements, errors, time.perf_counter() - clock)


class DocumentTimeout(Exception):
    """One document's extraction ran over ``ClaimDiff.time_budget``."""


@contextlib.contextmanager
def _budget(seconds: float | None, doc_id: str) -> Iterator[None]:
    """Raise DocumentTimeout when the block runs over ``seconds``: by SIGALRM where it can be used (the main
    thread on Unix), else once the block ends."""
    if seconds is None:
        yield
        return
    message = f"Extraction took more than time_budget={seconds} s; the document was skipped."
    use_alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if use_alarm:
        def expired(signum: int, frame: Any) -> None:
            raise DocumentTimeout(message)

        previous = signal.signal(signal.SIGALRM, expired)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    start = time.perf_counter()
    try:
        yield
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    if time.perf_counter() - start > seconds:
        raise DocumentTimeout(message)


def statements_of(doc: Document, extract_fn: Callable[[str, str], list[Statement]], registry: ActorRegistry,
                  max_chars: int = MAX_CHARS, time_budget: float | None = None
                  ) -> tuple[list[Statement], DocumentError | None]:
    """One document's resolved statements, or the error row that says why it has none (:func:`check_document`,
    ``time_budget``, or an extractor that failed: one bad document must not sink a corpus run)."""
    problem = check_document(doc, max_chars)
    if problem is not None:
        return [], problem
    try:
        with _budget(time_budget, doc.id):
            outlet = doc.meta.get("outlet")
            return resolve_sides(extract_fn(doc.text, doc.id), doc.text, registry,
                                 outlet=outlet if isinstance(outlet, str) else None), None
    except DocumentTimeout as err:
        return [], DocumentError(doc.id, "time_budget", str(err))
    except Exception as err:
        logger.exception("extraction failed on %s", doc.id)
        return [], DocumentError(doc.id, "extraction_failed", f"{type(err).__name__}: {err}")


def _thread_count(nli: Any, name: str) -> int:
    """Counter ``name`` of the engine for this thread (other threads may share the model), or in all for engines
    that count only in all; 0 for engines without it."""
    return getattr(nli, f"{name}_in_thread", getattr(nli, name, 0))


def _cached(embed: Any) -> Any:
    """``embed`` with a memory of texts already embedded: pairing and stances embed the same contents."""
    memory: dict[str, Any] = {}

    def cached(texts: list[str]) -> Any:
        import numpy as np

        missing = list(dict.fromkeys(t for t in texts if t not in memory))
        if missing:
            memory.update(zip(missing, embed(missing)))
        return np.stack([memory[t] for t in texts]) if texts else embed(texts)

    return cached


class ClaimDiff:
    """The whole pipeline. Build it with :meth:`from_pretrained`; call :meth:`analyze`.

    Args:
        top_k, min_similarity, related_docs: which cross-side pairs are judged (see
            :func:`claimdiff.pairing.candidate_pairs`): statements of one story, and each statement's top_k most
            similar opposing statements.
        questions: contested questions to take stances on; ``None`` reads the pack's ``questions:``, ``()``
            takes none. Anything :func:`claimdiff.stance.questions_from` accepts (lists of propositions too).
        top_questions: questions each statement is scored on (the most relevant ones).
        min_relevance: questions less similar than this to a statement are not scored on it.
        stance_threshold: probability a stance needs (else it is neutral, and left out of the report).
        extractor: how statements are found: ``"rules_first"`` (default: the rules, plus the shipped
            attribution tagger's statements where the rules find no attribution), ``"rules"``
            (:func:`claimdiff.attribution.segment` alone, no model), ``"learned"``, ``"combined"`` (see
            :mod:`claimdiff.attribution.extractors`), or a callable ``(text, doc_id) -> list[Statement]``.
        min_words: statements with a shorter content are kept in the report but not paired.
        time_budget: seconds one document's extraction may take; an overrun is an error row
            (``time_budget``) instead of a stall. Enforced with a timer signal when called from the main
            thread on Unix; elsewhere checked once extraction ends. ``None``: no budget.
        min_counterclaim_confidence: counterclaims less confident than this are left out (their stances are
            kept); see :data:`claimdiff.stance.MIN_CONFIDENCE`. 0 keeps every one.
    """

    def __init__(self, nli: NLIModel | CascadeNLI, registry: ActorRegistry | None = None, encoder: SentenceEncoder | None = None,
                 threshold: float = 0.5, batch_size: int = 32, top_k: int = 20, min_similarity: float = 0.3,
                 related_docs: int | None = 3,
                 max_chars: int = MAX_CHARS, questions: Any = None, top_questions: int | None = 3,
                 min_relevance: float = MIN_RELEVANCE, stance_threshold: float = 0.5,
                 extractor: str | Callable[[str, str], list[Statement]] = "rules_first", min_words: int = 3,
                 time_budget: float | None = None, min_counterclaim_confidence: float = MIN_CONFIDENCE):
        if time_budget is not None and time_budget <= 0:
            raise ValueError(f"time_budget must be positive seconds or None, got {time_budget}.")
        self.nli = nli
        self.time_budget = time_budget
        self.extract = _extractor(extractor, nli.device)
        self.extractor_name = extractor if isinstance(extractor, str) else getattr(extractor, "__name__", "custom")
        self.min_words = min_words
        self.questions = _pack_questions(registry) if questions is None else questions_from(questions)
        self.registry = registry or ActorRegistry.default()
        # The encoder runs at the (fast) NLI model's precision: bf16 where the pipeline's NLI does.
        self.encoder = encoder or SentenceEncoder.from_pretrained(
            device=nli.device, precision=getattr(nli, "fast", nli).precision)
        self.threshold, self.batch_size, self.top_k, self.related_docs = threshold, batch_size, top_k, related_docs
        self.min_similarity, self.max_chars = min_similarity, max_chars
        self.top_questions, self.min_relevance, self.stance_threshold = top_questions, min_relevance, stance_threshold
        self.min_counterclaim_confidence = min_counterclaim_confidence

    @classmethod
    def from_pretrained(cls, model: str | os.PathLike | None = None, *, pack: str | Path | None = None,
                        device: str | None = None, precision: str | None = None,
                        accurate_model: str | os.PathLike | bool | None = None, margin: float | None = None,
                        **options: Any) -> ClaimDiff:
        """Load the NLI model (default: the shipped one), the actor pack and its contested questions
        (default: Armenia–Azerbaijan) and the sentence encoder. ``precision`` is the NLI models' (``"fp32"``,
        ``"bf16"``, ``"fp16"``; see :meth:`NLIModel.from_pretrained`); by default bf16 on a CPU that computes it
        natively, else fp32 on CPU and fp16 on CUDA (:func:`~claimdiff.nli.pipeline_precision`). ``options`` go
        to the constructor (threshold, batch_size, top_k, questions, top_questions, ...).

        ``accurate_model``: a second, accurate NLI model that re-judges the pairs the first reads near a decision
        (:class:`~claimdiff.nli.CascadeNLI`, with ``margin``, default ``nli.DEFAULT_MARGIN``). ``None`` (default):
        the shipped accurate model when ``model`` is the default and the accurate model is installed, else none;
        ``False``: none; a folder or Hub id: that model."""
        if accurate_model is True:
            raise ValueError("accurate_model=True is ambiguous: pass a model folder or Hub id, None or False.")
        registry = _pack_registry(pack)
        if pack and options.get("questions") is None:
            options["questions"] = load_questions(pack)
        if accurate_model is None and model is None:
            accurate_model = accurate_model_path()
        precision = pipeline_precision(pick_device(device), precision)
        nli: NLIModel | CascadeNLI = NLIModel.from_pretrained(model, device=device, precision=precision)
        if accurate_model:
            accurate = NLIModel.from_pretrained(accurate_model, device=device, precision=precision)
            nli = CascadeNLI(nli, accurate, DEFAULT_MARGIN if margin is None else margin)
        return cls(nli, registry, **options)

    def __repr__(self) -> str:
        return (f"ClaimDiff(model={self.nli.name!r}, device={str(self.nli.device)!r}, pack={self.registry.name!r}, "
                f"extractor={self.extractor_name!r}, questions={len(self.questions)}, batch_size={self.batch_size})")

    def _with_batch_size(self, batch_size: int | None) -> ClaimDiff:
        """This pipeline, or a shallow copy that runs the models ``batch_size`` pairs at a time."""
        if batch_size is None:
            return self
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}.")
        other = copy.copy(self)
        other.batch_size = batch_size
        return other

    def analyze(self, inputs: Any, text_column: str = "text", id_column: str = "id",
                show_progress_bar: bool | None = None, propositions: Any = None,
                batch_size: int | None = None) -> Report:
        """Analyse one text or a corpus; pairs are formed within and across documents.

        Every input yields statements or an entry in ``report.errors``; nothing is dropped silently.

        Args:
            batch_size: this call's model batch size instead of ``self.batch_size``.
            propositions: this call's contested propositions instead of ``self.questions``: a list of
                strings, a dict {proposition: [paraphrases]}, Questions, or a mix
                (``[*cd.questions, "A cease-fire was agreed."]`` adds to the pack's); see
                :func:`claimdiff.stance.questions_from`.

        Example:
            >>> report = cd.analyze(text, propositions=["Azerbaijan attacked Armenia."])  # doctest: +SKIP
            >>> report.to_pandas("counterclaims")  # doctest: +SKIP
        """
        docs, errors = to_documents(inputs, text_column, id_column)
        return self._with_batch_size(batch_size)._analyze(docs, errors, show_progress_bar, propositions)

    def analyze_files(self, paths: str | os.PathLike | list, text_column: str = "text", id_column: str = "id",
                      show_progress_bar: bool | None = None, propositions: Any = None,
                      batch_size: int | None = None) -> Report:
        """Analyse .txt and .jsonl files as one corpus; broken JSONL lines become error rows."""
        docs, errors = to_documents(list(iter_documents(paths, text_column, id_column)), text_column, id_column)
        return self._with_batch_size(batch_size)._analyze(docs, errors, show_progress_bar, propositions)

    def stream(self, inputs: Any, chunk_size: int = 100, text_column: str = "text", id_column: str = "id",
               show_progress_bar: bool | None = None, propositions: Any = None) -> Iterator[Report]:
        """Analyse a corpus too big for one report, ``chunk_size`` documents at a time.

        ``inputs`` is read lazily: any iterable of texts, dicts or Documents (a generator, a
        ``datasets.Dataset``), or the items of :func:`~claimdiff.corpus.iter_documents` (see
        :meth:`stream_files`). Each chunk yields its own :class:`Report`; statements are paired, and
        counterclaims formed, within their chunk only, so memory depends on ``chunk_size``, not on the corpus.
        Put articles that should be compared with each other (same day, same event) in the same chunk.

        Example:
            >>> with open("out.jsonl", "w") as f:  # doctest: +SKIP
            ...     for report in cd.stream(articles, chunk_size=200):
            ...         report.to_jsonl(f, what="verdicts")
        """
        for docs, errors in chunk_documents(inputs, chunk_size, text_column, id_column, "stream"):
            yield self._analyze(docs, errors, show_progress_bar, propositions)
            clear_content_caches()  # the parsers' answers about the last chunk's contents

    def stream_files(self, paths: str | os.PathLike | list, chunk_size: int = 100, text_column: str = "text",
                     id_column: str = "id", show_progress_bar: bool | None = None,
                     propositions: Any = None) -> Iterator[Report]:
        """:meth:`stream` over .txt and .jsonl files read line by line; broken lines become error rows."""
        return self.stream(iter_documents(paths, text_column, id_column), chunk_size, text_column, id_column,
                           show_progress_bar, propositions)

    def run(self, inputs: Any, out_dir: str | os.PathLike, chunk_size: int = 100, resume: bool = False,
            **options: Any) -> RunSummary:
        """:meth:`stream` into a folder of shards that a killed run can resume: see :func:`claimdiff.batch.run`.

        Example:
            >>> cd.run(articles, "run/", chunk_size=200, resume=True)  # doctest: +SKIP
            RunSummary(out_dir='run', chunks=50, items=10000, resumed_after=4200)
        """
        from claimdiff import batch  # batch builds on this module

        return batch.run(self, inputs, out_dir, chunk_size=chunk_size, resume=resume, **options)

    def run_files(self, paths: str | os.PathLike | list, out_dir: str | os.PathLike, chunk_size: int = 100,
                  resume: bool = False, **options: Any) -> RunSummary:
        """:meth:`run` over .txt and .jsonl files (:func:`claimdiff.batch.run_files`: the progress bar knows
        the total)."""
        from claimdiff import batch

        return batch.run_files(self, paths, out_dir, chunk_size=chunk_size, resume=resume, **options)

    def _analyze(self, docs: list[Document], errors: list[DocumentError], show_progress_bar: bool | None,
                 propositions: Any = None) -> Report:
        return self._compare(self._extract(docs, errors, show_progress_bar), show_progress_bar, propositions)

    def _extract(self, docs: list[Document], errors: list[DocumentError],
                 show_progress_bar: bool | None) -> Extracted:
        """The first stage, one document at a time (:class:`Extraction`). A document that fails becomes an error
        row."""
        extraction = Extraction(self.extract, self.registry, self.max_chars, self.time_budget)
        return extraction(docs, errors, show_progress_bar)

    def _judge(self, pairs: list[CandidatePair], show_progress_bar: bool | None) -> list[Verdict]:
        """The verdicts on ``pairs``, blame already read: within a chunk and across chunks (claimdiff.batch) alike."""
        return judge(pairs, self.nli, self.threshold, self.batch_size, show_progress_bar,
                     local_offset=lambda st: self.registry.utc_offset_minutes(st.side), pack=self.registry.pack,
                     text_of=self.registry.reading)

    def _counterclaims(self, stances: Sequence[Stance], statements: Sequence[Statement]) -> list[Counterclaim]:
        """The counterclaims among ``statements`` from their ``stances``: within a chunk and across chunks alike."""
        return counterclaims(stances, statements, self.registry.opposes, pack=self.registry.pack,
                             local_offset=lambda st: self.registry.utc_offset_minutes(st.side),
                             text_of=self.registry.reading, min_confidence=self.min_counterclaim_confidence)

    def _compare(self, extracted: Extracted, show_progress_bar: bool | None, propositions: Any = None) -> Report:
        """The second stage, over a chunk's statements together: claims grouped, pairs chosen and judged, stances
        and counterclaims."""
        docs, analysed, statements, errors = extracted.docs, extracted.analysed, extracted.statements, extracted.errors
        questions = self.questions if propositions is None else questions_from(propositions)
        seconds = {"extraction": extracted.seconds}
        counted = ("pairs_computed", "rejudged", "overruled")
        counts_before = {name: _thread_count(self.nli, name) for name in counted}
        clock = time.perf_counter()
        embed = _cached(self.encoder.encode)
        statements = link_denials(statements, self.registry.opposes)
        statements, grouped = group_claims(statements, embed, {d.id: d for d in analysed})
        pairs, pairing = candidate_pairs(statements, self.registry.opposes, embed, top_k=self.top_k,
                                         min_similarity=self.min_similarity, related_docs=self.related_docs,
                                         min_words=self.min_words, pack=self.registry.pack,
                                         denied=denied_claims(statements, self.registry.opposes,
                                                              source=self.registry.voice_of))
        pairs = mark_mutual_blame(pairs, self.registry)
        seconds["pairing"], clock = time.perf_counter() - clock, time.perf_counter()
        verdicts = self._judge(pairs, show_progress_bar)
        seconds["judging"], clock = time.perf_counter() - clock, time.perf_counter()
        # Stances ask who did what to whom. A cascade's accurate model was trained without the generated role
        # sets and reads them worse than the fast one (conflict_roles validation 0.57 vs 0.78, conflict_calm 0.56 vs
        # 0.92: `claimdiff evaluate-nli --sets conflict_roles,conflict_calm`), so stances are the fast model's alone.
        stance_nli = self.nli.fast if isinstance(self.nli, CascadeNLI) else self.nli
        scored = score_stances(statements, questions, stance_nli, embed, self.top_questions, self.min_relevance,
                               self.stance_threshold, self.batch_size, show_progress_bar, keep_neutral=True,
                               text_of=self.registry.reading)
        wordings = {p.id: len(p.hypotheses) for q in questions for p in q.propositions}
        # Neutral stances are the bulk and say nothing; they are counted, not kept.
        stances = [x for x in scored if x.stance != "neutral"]
        claims = self._counterclaims(stances, statements)
        seconds["stance"] = time.perf_counter() - clock
        doc_ids = {d.id for d in docs}
        stats = {
            # Rows that never became a Document (bad JSON, no text column) count as inputs too.
            "documents": len(docs) + sum(e.doc_id not in doc_ids for e in errors),
            "documents_analysed": len(analysed), "errors": len(errors), "statements": len(statements),
            "cross_side_pairs": pairing.cross_side_pairs, "candidate_pairs": pairing.candidate_pairs,
            "pairs_pruned": pairing.pairs_pruned, "nli_pairs_run": 2 * len(pairs),
            # Once per pair of claims (wire copies are one claim); the verdicts themselves are all kept.
            "contradictions": len(one_per_claim_pair(verdicts)),
            "contradiction_verdicts": sum(v.label == "contradiction" for v in verdicts),
            "claims": len(grouped),
            # Attributed statements whose speaker has no side: never paired, so counted where a reader sees it.
            "side_unknown": sum(st.kind != "narrator" and st.side is None for st in statements),
            # U+FFFD in the analysed texts: undecodable bytes and lone surrogates replaced on the way in.
            "replacement_characters": sum(d.text.count(REPLACEMENT) for d in analysed),
            "questions": len(questions), "stance_pairs_run": sum(wordings[x.proposition_id] for x in scored),
            "stances": len(stances), "counterclaims": len(claims),
            # Pairs the model actually ran: the counts above minus duplicates and cached results.
            "nli_pairs_computed": _thread_count(self.nli, "pairs_computed") - counts_before["pairs_computed"],
            "model": self.nli.name, "threshold": self.threshold,
            # Where the time went (wall clock): which stage to speed up, or to give more workers.
            **{f"seconds_{stage}": round(value, 4) for stage, value in seconds.items()},
        }
        if isinstance(self.nli, CascadeNLI):
            # How often the accurate model looked again, and how often it changed the fast model's reading.
            stats["nli_rejudged"] = _thread_count(self.nli, "rejudged") - counts_before["rejudged"]
            stats["nli_overruled"] = _thread_count(self.nli, "overruled") - counts_before["overruled"]
        names = {a.id: a.name for a in self.registry.actors}
        return Report(tuple(docs), tuple(statements), tuple(verdicts), tuple(errors), stats, names,
                      stances=tuple(stances), counterclaims=tuple(claims), questions=tuple(questions),
                      claims=tuple(grouped),
                      side_colours={s.id: s.colour for s in self.registry.sides.values() if s.colour})
