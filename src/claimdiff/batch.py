"""Long runs that survive a kill: a corpus streamed chunk by chunk into a folder of shards, resumable.

::

    run/
      manifest.json                 the run's settings and the chunks done; rewritten after each chunk
      documents/part-00000.jsonl    one row per input item: doc_id, status ("analysed" or its error), statements
      statements/part-00000.jsonl   one shard per table per chunk: the rows of Report.to_jsonl
      verdicts/part-00000.jsonl ...
      index/part-00000.npy, .jsonl  with across_chunks: the chunk's statements, embeddings and stances (claimdiff.index)
      cross_verdicts/part-00001.jsonl  with across_chunks: its statements judged against earlier chunks'
      cross_counterclaims/part-00001.jsonl  ... and their counterclaims (opposite stances on one proposition)

A chunk's shards are written first, then the manifest, each to a temporary name and moved into place with
``os.replace``: the manifest never names a chunk whose shards are incomplete, and a resumed run deletes the shards
of the chunk it was writing when it stopped. A resumed run reads the input again, skips the chunks done by
position and checks that their ids are the ones recorded (a changed input is refused, not silently mixed), so no
document is done twice or lost, and ids (``doc7``, ``same~2``) come out as in an uninterrupted run. While a run
writes, it holds ``run/.lock`` (``flock``; released by the kernel when the process dies), so a second run is refused.

Shards are JSONL, not Parquet: they hold the rows of :meth:`~claimdiff.report.Report.to_jsonl` unchanged, the
same columns as every other export, with list cells (``signals``) and all-null columns that need no schema, and
they read back one line at a time, or with ``pandas.read_json(path, lines=True)``,
``datasets.load_dataset("json", data_files="run/verdicts/*.jsonl")`` or ``pyarrow.json``.

Example:
    >>> cd = claimdiff.ClaimDiff.from_pretrained()                           # doctest: +SKIP
    >>> cd.run_files("corpus.jsonl", "run/", chunk_size=200, resume=True)    # doctest: +SKIP
    >>> rows = read_run("run/", "verdicts")                                  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence, Sized
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tqdm.auto import tqdm

from claimdiff._content_cache import clear_content_caches
from claimdiff.blame import mark_mutual_blame
from claimdiff.corpus import count_documents, iter_documents
from claimdiff.index import StatementIndex, write_atomic
from claimdiff.pairing import pairs_across
from claimdiff.pipeline import TIMING_STATS, chunk_documents
from claimdiff.report import WHATS, Report
from claimdiff.report.rows import counterclaim_row, verdict_row
from claimdiff.stance import proposition_texts

if TYPE_CHECKING:
    from claimdiff.pipeline import ClaimDiff
    from claimdiff.records import Counterclaim, Stance, Statement

logger = logging.getLogger(__name__)

MANIFEST = "manifest.json"
LOCK = ".lock"
FORMAT = 1
DEFAULT_CHUNK_SIZE = 100
# The per-item ledger, written for every chunk whatever the tables: what a resumed run checks its input against.
LEDGER = "documents"
DEFAULT_TABLES = ("statements", "verdicts", "contradictions", "counterclaims", "errors")
# Positions sum up stances over one report, so per chunk they would be partial answers: not a shard table.
TABLES = tuple(w for w in WHATS if w != "positions")
# With across_chunks: the verdicts on pairs of a chunk's statements with earlier chunks'
# (claimdiff.pairing.pairs_across), their counterclaims, and the statement index they are found in (claimdiff.index),
# one part a chunk.
ACROSS = "cross_verdicts"
ACROSS_COUNTERCLAIMS = "cross_counterclaims"
INDEX = "index"
# Report.stats timings and the run's own: figures that differ from run to run.
RUN_TIMING_STATS = (*TIMING_STATS, "seconds_across_chunks")


class RunError(ValueError):
    """An out-dir this run may not write (not empty, other settings, another input), or a run not found."""


@dataclass(frozen=True)
class RunSummary:
    """What a call of :func:`run` did (it returns once the whole input is done).

    Args:
        out_dir: the run's folder.
        chunks: chunks done in all (this call and the calls it resumed).
        items: input items (documents and error rows) done in all.
        resumed_after: items that were already done when this call started (0 for a fresh run).
        stats: the chunks' ``Report.stats`` summed (counts and seconds; ``model`` and ``threshold`` as given).
    """

    out_dir: str
    chunks: int
    items: int
    resumed_after: int
    stats: dict[str, Any] = field(default_factory=dict, repr=False)


def check_tables(tables: Iterable[str]) -> tuple[str, ...]:
    """``tables`` as a tuple, each one of :data:`TABLES`, without repeats.

    Raises:
        RunError: a name that is not a table, listing the tables.
    """
    tables = tuple(dict.fromkeys(t.strip() for t in ([tables] if isinstance(tables, str) else tables)))
    bad = [t for t in tables if t not in TABLES]
    if bad or not tables:
        raise RunError(f"tables must be among {', '.join(TABLES)}; got {', '.join(bad) or 'none'}")
    return tables


def settings_of(cd: ClaimDiff, chunk_size: int, tables: Iterable[str], text_column: str = "text",
                id_column: str = "id", across_chunks: bool = False) -> dict[str, Any]:
    """What a run's rows depend on, recorded in its manifest: a resumed run must match it. What they do not
    depend on (the batch size; the device, at the same precision) may change between a run and its resumption."""
    questions = json.dumps([q.to_dict() for q in cd.questions], sort_keys=True, ensure_ascii=False)
    encoder = getattr(getattr(cd.encoder, "model", None), "config", None)
    return {
        "chunk_size": chunk_size, "tables": list(check_tables(tables)), "across_chunks": across_chunks,
        "extractor": cd.extractor_name,
        "text_column": text_column, "id_column": id_column, "threshold": cd.threshold, "max_chars": cd.max_chars,
        "time_budget": cd.time_budget, "model": cd.nli.name, "precision": cd.nli.precision,
        "margin": getattr(cd.nli, "margin", None), "encoder": getattr(encoder, "_name_or_path", None),
        "pack": cd.registry.source, "questions": hashlib.sha256(questions.encode()).hexdigest()[:16],
        "top_k": cd.top_k, "min_similarity": cd.min_similarity, "related_docs": cd.related_docs,
        "min_words": cd.min_words, "top_questions": cd.top_questions, "min_relevance": cd.min_relevance,
        "stance_threshold": cd.stance_threshold, "min_counterclaim_confidence": cd.min_counterclaim_confidence,
    }


def read_manifest(out_dir: str | os.PathLike) -> dict[str, Any] | None:
    """The manifest of the run in ``out_dir``, or None when there is none.

    Raises:
        RunError: a manifest that cannot be read, or of another format.
    """
    path = Path(out_dir) / MANIFEST
    if not path.is_file():
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise RunError(f"{path} cannot be read ({err}); pass a new or empty out-dir") from err
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise RunError(f"{path} is not a claimdiff run manifest of format {FORMAT}; pass a new or empty out-dir")
    return manifest


def check_out_dir(out_dir: str | os.PathLike, resume: bool, settings: Mapping[str, Any]) -> dict[str, Any] | None:
    """The manifest of the run to resume in ``out_dir``, or None for a fresh run (no folder, or an empty one).

    Only the keys of ``settings`` are compared, so the CLI checks what it knows before loading any model and
    :func:`run` checks the rest once they are loaded.

    Raises:
        RunError: ``out_dir`` is not empty and ``resume`` is false; it holds no manifest; or it was written with
            other settings (each one named, as recorded and as now).
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise RunError(f"out-dir {out} is a file; pass a folder")
    if not out.is_dir() or all(path.name in (LOCK, MANIFEST + ".tmp") for path in out.iterdir()):
        return None  # nothing, or what a run killed before its first manifest leaves
    if not resume:
        raise RunError(f"out-dir {out} is not empty: resume the run it holds (--resume, resume=True) "
                       "or pass a new or empty out-dir")
    manifest = read_manifest(out)
    if manifest is None:
        raise RunError(f"out-dir {out} holds no {MANIFEST}, so no run to resume; pass a new or empty out-dir")
    # Runs begun before a setting existed ran as its absence: no cross-chunk pairs, every counterclaim kept.
    recorded = {"across_chunks": False, "min_counterclaim_confidence": 0.0, **manifest.get("settings", {})}
    differ = [k for k, v in settings.items() if _plain(recorded.get(k)) != _plain(v)]
    if differ:
        was = ", ".join(f"{k}={recorded.get(k)!r}" for k in differ)
        now = ", ".join(f"{k}={settings[k]!r}" for k in differ)
        raise RunError(f"the run in {out} was written with {was}; this one has {now}. Resume with the same "
                       "settings, or pass a new out-dir")
    return manifest


def _plain(value: Any) -> Any:
    """A setting as it reads back from JSON (tuples are lists), so that recorded and current values compare."""
    return json.loads(json.dumps(value))


def progress_bar(total: int | None, show_progress_bar: bool | None, initial: int = 0) -> tqdm:
    """One bar over a run's documents, with an ETA when ``total`` is known; ``show_progress_bar=None``: shown
    when stderr is a terminal. ``initial``: items done before (a resumed run), not counted in the rate."""
    return tqdm(total=total, initial=initial, desc="documents", unit="doc", disable=not _shown(show_progress_bar),
                dynamic_ncols=True)


def _shown(show_progress_bar: bool | None) -> bool:
    return sys.stderr.isatty() if show_progress_bar is None else show_progress_bar


def run(cd: ClaimDiff, inputs: Any, out_dir: str | os.PathLike, chunk_size: int = DEFAULT_CHUNK_SIZE,
        resume: bool = False, tables: Iterable[str] = DEFAULT_TABLES, text_column: str = "text",
        id_column: str = "id", show_progress_bar: bool | None = None, total: int | None = None,
        source: Any = None, across_chunks: bool = False) -> RunSummary:
    """Analyse ``inputs`` chunk by chunk (:meth:`ClaimDiff.stream`) into shards in ``out_dir``.

    Args:
        cd: the pipeline.
        inputs: what :meth:`ClaimDiff.stream` takes; read again from the start on resume, so it must give the
            same items in the same order (a file, a list, a ``Dataset``; not a spent generator).
        out_dir: a new or empty folder, or with ``resume`` the folder of a run with the same settings.
        chunk_size: input items per chunk (statements are paired within their chunk).
        resume: skip the chunks the manifest records as done and go on from there.
        tables: tables written per chunk (:data:`TABLES`); the ``documents`` ledger is always written.
        show_progress_bar: one bar over the documents; ``None``: when stderr is a terminal.
        total: input items, for the bar's ETA (default: ``len(inputs)`` when it has one).
        source: what the input was (file names), recorded in the manifest for a reader.
        across_chunks: also pair each chunk's statements with their most similar opposing statements of the
            chunks before (found in ``out_dir/index``) and judge them: table ``cross_verdicts``. Costs one more
            embedding pass per chunk, a search growing with the corpus, and the NLI on those pairs.

    Returns:
        A :class:`RunSummary`.

    Raises:
        RunError: the out-dir may not be written (see :func:`check_out_dir`), or the input is not the one the
            run being resumed was given.
    """
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, got {chunk_size}.")
    out = Path(out_dir)
    tables = check_tables(tables)
    settings = settings_of(cd, chunk_size, tables, text_column, id_column, across_chunks)
    check_out_dir(out, resume, settings)  # before the folder is made: a file in its place is refused
    out.mkdir(parents=True, exist_ok=True)
    with _locked(out):
        manifest = check_out_dir(out, resume, settings)  # again, now that no other run can write there
        if manifest is None:  # written before any shard, so that a run killed in its first chunk can be resumed
            manifest = {"format": FORMAT, "settings": settings, "source": _plain(source), "complete": False,
                        "chunks": [], "stats": {}}
            _save_manifest(out, manifest)
        return _run(cd, inputs, out, manifest, chunk_size, tables, text_column, id_column, show_progress_bar,
                    total, source, across_chunks)


def _run(cd: ClaimDiff, inputs: Any, out: Path, manifest: dict[str, Any], chunk_size: int, tables: tuple[str, ...],
         text_column: str, id_column: str, show_progress_bar: bool | None, total: int | None,
         source: Any, across_chunks: bool) -> RunSummary:
    done: list[dict[str, Any]] = manifest["chunks"]
    skip, resumed_after = len(done), sum(c["items"] for c in done)
    _drop_unfinished(out, _run_folders(tables, across_chunks), skip)
    index = StatementIndex(out / INDEX) if across_chunks else None
    if total is None and isinstance(inputs, Sized) and not isinstance(inputs, (str, bytes, Mapping)):
        total = len(inputs)
    if skip:
        logger.info("%s: resuming after %d chunks (%d items)", out, skip, resumed_after)
    bar = progress_bar(total, show_progress_bar, initial=resumed_after)
    seen = offset = 0
    try:
        for part, (docs, errors) in enumerate(chunk_documents(inputs, chunk_size, text_column, id_column, "run")):
            seen = part + 1
            ids = [d.id for d in docs] + [e.doc_id for e in errors]
            if part < skip:
                _check_same_input(out, done[part], ids, offset, source)
                offset += len(ids)
                continue
            if manifest["complete"] or (done and done[-1]["items"] < chunk_size):
                raise RunError(f"the input has more items than the finished run in {out} ({resumed_after}); "
                               "resume with the same input, or pass a new out-dir")
            report = cd._analyze(docs, errors, show_progress_bar=False)  # as stream() does; one bar is enough
            stats = dict(report.stats)
            if index is not None:  # before the manifest, as the shards: the next chunks search this part
                stats.update(_judge_across(cd, report.statements, report.stances, index, [c["part"] for c in done],
                                           out, part))
            write_shards(out, part, chunk_shards(report, ids, tables))
            done.append(chunk_entry(part, ids))
            manifest["stats"] = _add_stats(manifest["stats"], stats)
            _save_manifest(out, manifest)
            logger.info("%s: chunk %d done (%d items)", out, part, len(ids))
            bar.set_postfix({k: manifest["stats"].get(k, 0) for k in ("statements", "contradictions", "errors")},
                            refresh=False)
            bar.update(len(ids))
            del report  # before the next chunk fills memory: its contents, and the parsers' answers about them
            clear_content_caches()
    finally:
        bar.close()
    if seen < skip:
        raise RunError(f"the input has fewer items than the run in {out} has done ({resumed_after} in {skip} "
                       "chunks); resume with the same input, or pass a new out-dir")
    if not manifest["complete"]:
        manifest["complete"] = True
        _save_manifest(out, manifest)
    return RunSummary(str(out), len(done), sum(c["items"] for c in done), resumed_after, dict(manifest["stats"]))


def run_files(cd: ClaimDiff, paths: str | os.PathLike | list, out_dir: str | os.PathLike,
              chunk_size: int = DEFAULT_CHUNK_SIZE, resume: bool = False, tables: Iterable[str] = DEFAULT_TABLES,
              text_column: str = "text", id_column: str = "id", show_progress_bar: bool | None = None,
              across_chunks: bool = False) -> RunSummary:
    """:func:`run` over .txt and .jsonl files read line by line; the bar's total is their count of lines."""
    names = [str(p) for p in ([paths] if isinstance(paths, (str, os.PathLike)) else paths)]
    show = _shown(show_progress_bar)
    total = count_documents(names) if show and all(Path(n).is_file() for n in names) else None
    return run(cd, iter_documents(names, text_column, id_column), out_dir, chunk_size, resume, tables, text_column,
               id_column, show, total, source=names, across_chunks=across_chunks)


def read_run(out_dir: str | os.PathLike, what: str = "statements") -> list[dict[str, Any]]:
    """The rows of table ``what`` of the run in ``out_dir``, chunk after chunk (``"documents"``: the ledger).

    Raises:
        RunError: no run in ``out_dir``, or a table it did not write.
    """
    manifest = read_manifest(out_dir)
    if manifest is None:
        raise RunError(f"{out_dir} holds no {MANIFEST}: not a claimdiff run")
    settings = manifest["settings"]
    across = (ACROSS, ACROSS_COUNTERCLAIMS) if settings.get("across_chunks") else ()
    written = (LEDGER, *settings["tables"], *across)
    if what not in written:
        raise RunError(f"the run in {out_dir} wrote {', '.join(written)}; not {what!r}")
    shards = (_shard(Path(out_dir), what, chunk["part"]) for chunk in manifest["chunks"])
    # A run begun before cross-chunk counterclaims were kept has no shard of them for its first chunks.
    return [row for shard in shards if what != ACROSS_COUNTERCLAIMS or shard.is_file()
            for row in Report.read_jsonl(shard)]


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    """Hold ``out``'s lock file while a run writes there: two runs resuming one folder would mix their shards.
    The kernel drops the lock when the process dies, so a killed run leaves no stale lock behind."""
    try:
        import fcntl
    except ImportError:  # not on Unix: no lock
        yield
        return
    with open(out / LOCK, "w") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            raise RunError(f"another run is writing in {out}; wait for it to end, or pass a new out-dir") from err
        yield


def _shard(out: Path, table: str, index: int) -> Path:
    return out / table / f"part-{index:05d}.jsonl"


def _digest(ids: list[str]) -> str:
    return hashlib.sha256("\n".join(ids).encode("utf-8", errors="surrogatepass")).hexdigest()


def _save_manifest(out: Path, manifest: Mapping[str, Any]) -> None:
    write_atomic(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")


def chunk_shards(report: Any, ids: list[str], tables: tuple[str, ...]) -> dict[str, str]:
    """The JSONL text of a chunk's ledger and of each of its ``tables`` (``""`` where a table has no rows), keyed
    by folder name: what :func:`run` writes per chunk, and what :mod:`claimdiff.ray_engine`'s workers send back."""
    status: dict[str, str] = {}
    for e in report.errors:
        status.setdefault(e.doc_id, e.error)
    counts = Counter(s.doc_id for s in report.statements)
    ledger = "".join(json.dumps({"doc_id": i, "status": status.get(i, "analysed"), "statements": counts.get(i, 0)},
                                ensure_ascii=False) + "\n" for i in ids)
    return {LEDGER: ledger, **{table: report.to_jsonl(what=table) for table in tables}}


def write_shards(out: Path, index: int, shards: Mapping[str, str]) -> None:
    """A chunk's shards (:func:`chunk_shards`), each to its folder (an empty shard where a table has no rows:
    every chunk has each)."""
    for table, text in shards.items():
        write_atomic(_shard(out, table, index), text)


def chunk_entry(part: int, ids: list[str]) -> dict[str, Any]:
    """A finished chunk as the manifest records it: enough to check, on resuming, that the input is the same."""
    return {"part": part, "items": len(ids), "ids_sha256": _digest(ids), "first_id": ids[0], "last_id": ids[-1]}


def _run_folders(tables: Iterable[str], across_chunks: bool) -> dict[str, tuple[str, ...]]:
    """A run's folders, each with the suffixes of one chunk's part: the ledger and tables, and with
    ``across_chunks`` the cross-chunk verdicts and counterclaims and the statement index."""
    folders = {name: (".jsonl",) for name in (LEDGER, *tables)}
    if across_chunks:
        # Counterclaims across chunks came later (2026-12-07): a run begun before has none for its first chunks.
        folders.update({ACROSS: (".jsonl",), ACROSS_COUNTERCLAIMS: (), INDEX: (".jsonl", ".npy")})
    return folders


def _drop_unfinished(out: Path, folders: Mapping[str, tuple[str, ...]], done: int) -> None:
    """Delete the parts of chunks the manifest does not list (the chunk a killed run was writing) and temporary
    files; check that every chunk it lists has its parts (``folders``: folder name → the suffixes of a part)."""
    for name, suffixes in folders.items():
        folder = out / name
        if not folder.is_dir():
            if done and suffixes:
                raise RunError(f"the run in {out} lists {done} chunks done but has no {name}/ folder; "
                               "pass a new out-dir")
            continue
        for path in folder.iterdir():
            number = path.name.split(".", 1)[0].removeprefix("part-")
            if path.name.endswith(".tmp") or (number.isdigit() and int(number) >= done):
                logger.info("removing %s, left by a run that stopped while writing it", path)
                path.unlink()
        missing = [folder / f"part-{i:05d}{suffix}" for i in range(done) for suffix in suffixes]
        missing = [path for path in missing if not path.is_file()]
        if missing:
            raise RunError(f"the run in {out} lists its chunks as done but {missing[0]} is missing; "
                           "pass a new out-dir")
    tmp = out / (MANIFEST + ".tmp")
    if tmp.exists():
        tmp.unlink()


def _judge_across(cd: ClaimDiff, chunk_statements: Sequence[Statement], stances: Sequence[Stance],
                  index: StatementIndex, parts: list[int], out: Path, part: int) -> dict[str, Any]:
    """Judge the pairs of this chunk's statements with earlier chunks' (the index's ``parts``) and find their
    counterclaims (``stances``: the chunk's, not neutral), write them as the chunk's ``cross_verdicts`` and
    ``cross_counterclaims`` shards, add the chunk to the index; the figures for the manifest."""
    clock = time.perf_counter()
    pairs, statements, vectors = pairs_across(chunk_statements, index, parts, cd.registry.opposes,
                                              cd.encoder.encode, cd.top_k, cd.min_similarity, cd.min_words,
                                              cd.registry.pack, cd.related_docs)
    pairs = mark_mutual_blame(pairs, cd.registry)  # as within a chunk (ClaimDiff._compare): blame is read per pair
    verdicts = cd._judge(pairs, False)
    claims = _counterclaims_across(cd, chunk_statements, stances, [p.a for p in pairs], index, parts)
    texts = proposition_texts(cd.questions)
    write_atomic(out / ACROSS / f"part-{part:05d}.jsonl",
                 "".join(json.dumps(verdict_row(v), ensure_ascii=False) + "\n" for v in verdicts))
    write_atomic(out / ACROSS_COUNTERCLAIMS / f"part-{part:05d}.jsonl",
                 "".join(json.dumps(counterclaim_row(c, texts.get(c.proposition_id)), ensure_ascii=False) + "\n"
                         for c in claims))
    index.add(part, statements, vectors, stances)
    return {"cross_chunk_pairs": len(pairs),
            "cross_chunk_contradictions": sum(v.label == "contradiction" for v in verdicts),
            "cross_chunk_counterclaims": len(claims),
            "seconds_across_chunks": round(time.perf_counter() - clock, 4)}


def _counterclaims_across(cd: ClaimDiff, chunk_statements: Sequence[Statement], chunk_stances: Sequence[Stance],
                          earlier: Sequence[Statement], index: StatementIndex, parts: list[int]) -> list[Counterclaim]:
    """Counterclaims of the chunk's statements with the earlier statements paired with them (``earlier``: those
    its topic and story pairs brought), from the stances each chunk stored: what one chunk holding both would
    list, but only between statements that meet."""
    earlier = list({s.id: s for s in earlier}.values())
    if not earlier or not chunk_stances:
        return []
    ids = {s.id for s in earlier}
    stances = [x for part in index.parts_holding({s.doc_id for s in earlier}, parts) for x in index.stances(part)
               if x.statement_id in ids]
    if not stances:
        return []
    # Claim ids are numbered per chunk ("c0001" in each): two chunks' would merge unrelated claims, so the pairs
    # are found per statement and given their statements back.
    statements = {s.id: s for s in (*earlier, *chunk_statements)}
    found = cd._counterclaims([*stances, *chunk_stances], [replace(s, claim_id=None) for s in statements.values()])
    return [replace(c, a=statements[c.a.id], b=statements[c.b.id]) for c in found if (c.a.id in ids) != (c.b.id in ids)]


def _check_same_input(out: Path, chunk: Mapping[str, Any], ids: list[str], start: int, source: Any) -> None:
    """Refuse to resume on an input whose chunk ``chunk["part"]`` (from item ``start``) holds other ids than the
    run recorded."""
    if len(ids) == chunk["items"] and _digest(ids) == chunk["ids_sha256"]:
        return
    index = chunk["part"]
    recorded = [row["doc_id"] for row in Report.read_jsonl(_shard(out, LEDGER, index))]
    position = next((i for i, (a, b) in enumerate(zip(recorded, ids)) if a != b), min(len(recorded), len(ids)))
    was = repr(recorded[position]) if position < len(recorded) else "none"
    now = repr(ids[position]) if position < len(ids) else "missing"
    what = f"{', '.join(source)}" if isinstance(source, list) else "the input"
    raise RunError(f"{what} is not the input of the run in {out}: its item {start + position + 1} (chunk {index}) "
                   f"is {now} where the run recorded {was}. Resume with the same input, or pass a new out-dir")


def _add_stats(total: Mapping[str, Any], stats: Mapping[str, Any]) -> dict[str, Any]:
    """Counts and seconds summed over chunks; anything else (the model's name) kept as the latest chunk has it."""
    summed = dict(total)
    for key, value in stats.items():
        if isinstance(value, (int, float)) and not isinstance(value, bool) and key != "threshold":
            summed[key] = summed.get(key, 0) + value
            if key in RUN_TIMING_STATS:
                summed[key] = round(summed[key], 4)
        else:
            summed[key] = value
    return summed
