"""A corpus analysed by a pool of Ray actors (Ray Data), for when one machine is not enough.

The driver reads the input and cuts it into chunks exactly as :func:`claimdiff.batch.run` does (the same ids,
``a~2`` for a repeated one, the same error rows for broken lines); a ``ray.data`` pipeline hands the chunks to
``num_workers`` actors, each of which loads the pipeline once and analyses one chunk at a time (statements are
paired within their chunk, as in a local run; with ``extract_workers`` the chunks first go through actors of their
own that find the statements, ``ClaimDiff._extract``, and the analysing actors only compare them); the driver
writes what comes back into ``out_dir`` in the layout of :mod:`claimdiff.batch`, so
:func:`claimdiff.batch.read_run` and ``pandas.read_json(path, lines=True)`` read it::

    run/manifest.json, documents/part-00000.jsonl, statements/part-00000.jsonl, verdicts/ ...

Nothing is lost: every input item gets a ledger row (``documents``); a document that fails gets an error row; a
chunk whose analysis raises gets an error row (``chunk_failed``) for each of its items instead of stopping the job.

A stopped job resumes (``resume=True``, ``--resume``): the manifest lists the unbroken run of chunks done from
the first, as a local run's does, so a resumed job (Ray or local) checks those chunks' ids against the input,
drops the shards of chunks finished after a gap, and hands the rest to the workers. The input passes through the
driver, which holds the chunks in Ray's object store (spilled to disk when it is full); the analysis, where the
time goes, is what is spread.

With ``across_chunks`` the driver also loads the pipeline and, chunk by chunk in input order as the workers' results
come in, pairs each chunk's statements with the earlier chunks' in the run's statement index and judges them
(:func:`claimdiff.batch.run`'s cross-chunk step, the same rows): that step is sequential by nature, so it runs
on the driver's machine, next to the index in ``out_dir``, and bounds how far the job scales.

Example:
    >>> from claimdiff.ray_engine import analyze_with_ray                          # doctest: +SKIP
    >>> analyze_with_ray("corpus.jsonl", "run/", chunk_size=200, num_workers=8)  # doctest: +SKIP
    >>> read_run("run/", "verdicts")                                               # doctest: +SKIP
"""

from __future__ import annotations

import functools
import json
import logging
import os
import pickle
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimdiff import batch
from claimdiff.corpus import iter_documents
from claimdiff.index import StatementIndex
from claimdiff.pipeline import chunk_documents
from claimdiff.records import DocumentError

if TYPE_CHECKING:
    from claimdiff.pipeline import ClaimDiff, Extraction

logger = logging.getLogger(__name__)

INSTALL = "the Ray engine needs Ray Data: pip install 'claimdiff[ray]'"


class RayWorkerError(RuntimeError):
    """A Ray actor died (most often while loading the models); the message ends with the worker's own error."""


def _ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as err:
        raise ImportError(f"{INSTALL} ({err})") from err
    return ray


class _Analyser:
    """One Ray actor: loads the pipeline once, then analyses the chunks it is given (one row each); with
    ``across_chunks`` each row also carries the chunk's statements, for the driver's cross-chunk step."""

    def __init__(self, load: Callable[[], ClaimDiff], chunk_size: int, tables: tuple[str, ...], text_column: str,
                 id_column: str, across_chunks: bool = False):
        self.cd = load()
        self.tables, self.across_chunks = tables, across_chunks
        self.settings = json.dumps(batch.settings_of(self.cd, chunk_size, tables, text_column, id_column,
                                                     across_chunks))

    def __call__(self, rows: Mapping[str, Any]) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {}
        staged = "extracted" in rows  # from the extraction workers (_Extractor), or raw chunks to extract here
        for part, blob in zip(rows["part"], rows["extracted" if staged else "chunk"]):
            step = pickle.loads(blob) if staged else dict(zip(("docs", "errors"), pickle.loads(blob)))
            docs, errors = step["docs"], step["errors"]
            ids = [d.id for d in docs] + [e.doc_id for e in errors]
            failure = step.get("failed")  # the extraction worker's own error, passed on as it was raised
            if failure is None:
                try:
                    extracted = (step["extracted"] if staged
                                 else self.cd._extract(docs, list(errors), show_progress_bar=False))
                    report = self.cd._compare(extracted, show_progress_bar=False)
                except Exception as err:  # one bad chunk must not sink hours of cluster time: its items get error rows
                    logger.exception("chunk %d failed", part)
                    failure = f"{type(err).__name__}: {err}"
            if failure is not None:
                failed = [DocumentError(d.id, "chunk_failed", f"The chunk's analysis raised {failure}") for d in docs]
                report = self.cd._analyze([], [*failed, *errors], show_progress_bar=False)
                ids = [e.doc_id for e in failed] + [e.doc_id for e in errors]
            row = {"part": int(part), "ids": json.dumps(ids, ensure_ascii=False), "stats": json.dumps(report.stats),
                   "settings": self.settings,
                   **{f"shard_{name}": text for name, text in batch.chunk_shards(report, ids, self.tables).items()}}
            if self.across_chunks:
                row["across"] = pickle.dumps((report.statements, report.stances))  # what the cross-chunk step reads
            for key, value in row.items():
                out.setdefault(key, []).append(value)
        return out


class _Extractor:
    """One Ray actor of the extraction stage (``extract_workers``): loads the extraction stage once (a
    :class:`~claimdiff.pipeline.Extraction`, or a whole pipeline from a custom ``load``) and finds each chunk's
    statements, which the comparison workers then pair and judge."""

    def __init__(self, load: Callable[[], ClaimDiff | Extraction]):
        loaded = load()
        self.extract = loaded._extract if hasattr(loaded, "_extract") else loaded

    def __call__(self, rows: Mapping[str, Any]) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {"part": [], "extracted": []}
        for part, blob in zip(rows["part"], rows["chunk"]):
            docs, errors = pickle.loads(blob)
            step: dict[str, Any] = {"docs": docs, "errors": errors}
            try:
                step["extracted"] = self.extract(docs, list(errors), show_progress_bar=False)
            except Exception as err:  # the comparison worker turns it into the chunk's error rows
                logger.exception("chunk %d failed", part)
                step["failed"] = f"{type(err).__name__}: {err}"
            out["part"].append(int(part))
            out["extracted"].append(pickle.dumps(step))
        return out


def _chunks(data: Any, chunk_size: int, text_column: str, id_column: str) -> list[tuple[int, list[str], bytes]]:
    """The input as (part, ids, pickled chunk), cut as :func:`claimdiff.batch.run` cuts it.

    Raises:
        ValueError: a Ray Dataset without ``text_column`` (naming its columns), or JSONL files where no line has
            it (:func:`claimdiff.corpus.iter_jsonl`).
    """
    import ray.data

    if isinstance(data, ray.data.Dataset):
        columns = list(data.schema().names)
        if text_column not in columns:
            raise ValueError(f"No column {text_column!r} in the Ray dataset; its columns are {columns}. "
                             "Pass text_column=<the column holding the article text>.")
        items: Iterable[Any] = (dict(row) for row in data.iter_rows())
    elif isinstance(data, (str, os.PathLike)) or (isinstance(data, list) and data
                                                  and all(isinstance(p, (str, os.PathLike)) for p in data)):
        items = iter_documents(data, text_column, id_column)
    else:
        raise TypeError(f"analyze_with_ray() takes .txt/.jsonl paths or a ray.data.Dataset; got {type(data).__name__}")
    return [(part, [d.id for d in docs] + [e.doc_id for e in errors], pickle.dumps((docs, errors)))
            for part, (docs, errors) in enumerate(chunk_documents(items, chunk_size, text_column, id_column, "run"))]


def _still_to_do(out: Path, manifest: dict[str, Any], chunks: list[tuple[int, list[str], bytes]],
                 tables: tuple[str, ...], source: Any, across_chunks: bool = False
                 ) -> list[tuple[int, list[str], bytes]]:
    """The chunks a resumed job has left, once the ones its manifest lists are checked against the input and the
    shards of any other chunk (finished after a gap when the job stopped) are dropped."""
    done = manifest["chunks"]
    if len(chunks) < len(done):
        raise batch.RunError(f"the input has fewer chunks ({len(chunks)}) than the run in {out} has done "
                             f"({len(done)}); resume with the same input, or pass a new out-dir")
    offset = 0
    for entry, (_, ids, _) in zip(done, chunks):
        batch._check_same_input(out, entry, ids, offset, source)
        offset += len(ids)
    batch._drop_unfinished(out, batch._run_folders(tables, across_chunks), len(done))
    if done:
        logger.info("%s: resuming after %d chunks (%d items)", out, len(done), offset)
    return chunks[len(done):]


def analyze_with_ray(data: Any, out_dir: str | os.PathLike, *, chunk_size: int = batch.DEFAULT_CHUNK_SIZE,
                     num_workers: int = 2, tables: Iterable[str] = batch.DEFAULT_TABLES, text_column: str = "text",
                     id_column: str = "id", load: Callable[[], ClaimDiff] | None = None,
                     ray_remote_args: Mapping[str, Any] | None = None, show_progress_bar: bool | None = None,
                     resume: bool = False, across_chunks: bool = False, extract_workers: int = 0,
                     extract_remote_args: Mapping[str, Any] | None = None, **pretrained: Any) -> batch.RunSummary:
    """Analyse ``data`` on ``num_workers`` Ray actors into the shards of a :mod:`claimdiff.batch` run in ``out_dir``.

    Ray is started locally unless it already is, or ``RAY_ADDRESS`` names a cluster; with a cluster, ``out_dir``
    is on the driver (the workers send their rows back) and the models must be where the workers look for them.

    Args:
        data: .txt/.jsonl paths (read as :func:`~claimdiff.corpus.iter_documents` reads them) or a
            ``ray.data.Dataset`` with ``text_column`` (and optionally ``id_column``).
        out_dir: a new or empty folder, or with ``resume`` the folder of a stopped run (Ray or local).
        chunk_size: input items per chunk; statements are paired within their chunk, as in
            :func:`claimdiff.batch.run` with the same ``chunk_size`` (and the rows are the same).
        num_workers: Ray actors, each holding one copy of the models.
        tables: tables written per chunk (:data:`claimdiff.batch.TABLES`); the ``documents`` ledger always.
        load: a picklable callable that builds the pipeline on a worker; default
            ``ClaimDiff.from_pretrained(**pretrained)``.
        ray_remote_args: per-actor resources, as ``map_batches`` takes them (default ``{"num_cpus": 1}``;
            ``{"num_gpus": 1}`` puts each actor on a GPU, then pass ``device="cuda"``).
        show_progress_bar: Ray Data's progress bars; ``None``: when stderr is a terminal.
        resume: go on with the run in ``out_dir``: the chunks its manifest lists are checked against the input and
            skipped, the rest analysed. The workers' settings (models, pack, ...) must be the run's.
        across_chunks: also pair each chunk's statements with their most similar opposing statements of the
            chunks before it, on the driver (see the module doc), as :func:`claimdiff.batch.run` does.
        extract_workers: 0 (default): each worker finds its chunks' statements itself. N > 0: N more actors
            (``extract_remote_args``, default ``{"num_cpus": 1}``) run that first stage, one document at a time
            (each loads only that stage, :class:`~claimdiff.pipeline.Extraction`: the tagger and the pack, no NLI
            model; with a custom ``load``, the pipeline it loads), and hand the statements to the
            ``num_workers`` comparison actors, so that CPUs extract while GPUs judge
            (``ray_remote_args={"num_gpus": 1}``). The rows are the same either way.
        pretrained: :meth:`ClaimDiff.from_pretrained`'s arguments (model, pack, device, precision, threshold,
            batch_size, extractor, ...).

    Returns:
        A :class:`claimdiff.batch.RunSummary`.

    Raises:
        ImportError: Ray Data is not installed (``pip install 'claimdiff[ray]'``).
        ValueError: ``text_column`` is not in the input; :class:`claimdiff.batch.RunError` for an out-dir that
            is not new or empty (without ``resume``), or a run to resume with another input or settings.
        RayWorkerError: a worker died, e.g. it could not load the models (a missing model folder).
    """
    if chunk_size < 1 or num_workers < 1 or extract_workers < 0:
        raise ValueError(f"chunk_size and num_workers must be at least 1 and extract_workers at least 0, got "
                         f"{chunk_size}, {num_workers} and {extract_workers}.")
    ray = _ray()
    out = Path(out_dir)
    tables = batch.check_tables(tables)
    # What the driver knows of the run's settings (the workers report the rest).
    known = {"chunk_size": chunk_size, "tables": list(tables), "across_chunks": across_chunks}
    batch.check_out_dir(out, resume, known)
    chunks = _chunks(data, chunk_size, text_column, id_column)  # before any worker starts: input errors come first
    extract_load: Callable[[], ClaimDiff | Extraction] | None = load  # a custom load: its whole pipeline extracts
    if load is None:
        from claimdiff.pipeline import ClaimDiff, Extraction

        load = functools.partial(ClaimDiff.from_pretrained, **pretrained)
        # Extraction actors load the extraction stage alone, not the NLI models and encoder they would not use.
        extract_load = functools.partial(Extraction.from_pretrained, **pretrained)
    elif pretrained:
        raise ValueError(f"pass either load= or from_pretrained's arguments, not both ({', '.join(pretrained)})")
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = batch._shown(show_progress_bar)
    source = "ray.data.Dataset" if isinstance(data, ray.data.Dataset) else \
        [str(p) for p in ([data] if isinstance(data, (str, os.PathLike)) else data)]
    out.mkdir(parents=True, exist_ok=True)
    with batch._locked(out):
        manifest = batch.check_out_dir(out, resume, known)  # again, now that no other run can write there
        if manifest is None:
            manifest = {"format": batch.FORMAT, "settings": known, "source": source, "complete": False,
                        "chunks": [], "stats": {}}
        manifest.update(engine="ray", workers=num_workers)
        chunks = _still_to_do(out, manifest, chunks, tables, source, across_chunks)
        batch._save_manifest(out, manifest)  # before any shard, so that a job stopped in its first chunk resumes
        resumed_after = sum(c["items"] for c in manifest["chunks"])
        if not chunks:
            manifest["complete"] = True
            batch._save_manifest(out, manifest)
            return batch.RunSummary(str(out), len(manifest["chunks"]), resumed_after, resumed_after,
                                    dict(manifest["stats"]))
        total = len(manifest["chunks"]) + len(chunks)
        rows = [{"part": part, "chunk": blob} for part, _, blob in chunks]
        # The cross-chunk step's own pipeline, loaded like a worker's (same models and settings, so the same rows).
        driver = load() if across_chunks else None
        index = StatementIndex(out / batch.INDEX) if across_chunks else None
        stages = ray.data.from_items(rows)
        if extract_workers:
            stages = stages.map_batches(_Extractor, fn_constructor_args=(extract_load,), batch_size=1,
                                        compute=ray.data.ActorPoolStrategy(size=extract_workers), batch_format="numpy",
                                        **dict(extract_remote_args or {"num_cpus": 1}))
        results = stages.map_batches(
            _Analyser, fn_constructor_args=(load, chunk_size, tables, text_column, id_column, across_chunks),
            batch_size=1, compute=ray.data.ActorPoolStrategy(size=num_workers), batch_format="numpy",
            **dict(ray_remote_args or {"num_cpus": 1}))
        finished: dict[int, dict[str, Any]] = {}
        try:
            for result in results.iter_rows():  # as the actors finish them, in any order
                part, ids = int(result["part"]), json.loads(result["ids"])
                settings = json.loads(result["settings"])
                if manifest["chunks"] and not finished:  # a resumed run: its workers must read as the run's did
                    batch.check_out_dir(out, True, {k: v for k, v in settings.items() if k != "encoder"})
                batch.write_shards(out, part, {name: str(result[f"shard_{name}"]) for name in (batch.LEDGER, *tables)})
                finished[part] = {"entry": batch.chunk_entry(part, ids), "stats": json.loads(result["stats"]),
                                  "across": result.get("across")}
                manifest["settings"] = settings
                # The manifest lists the unbroken run of chunks from the first, as a local run's does, so that
                # ``batch.run(..., resume=True)`` can finish a stopped job (and drops the shards after that run).
                while len(manifest["chunks"]) in finished:
                    done = finished[len(manifest["chunks"])]
                    if index is not None:  # in input order: each chunk meets every chunk before it, as locally
                        statements, stances = pickle.loads(done.pop("across"))
                        done["stats"].update(batch._judge_across(driver, statements, stances, index,
                                                                 [c["part"] for c in manifest["chunks"]],
                                                                 out, done["entry"]["part"]))
                    manifest["chunks"].append(done["entry"])
                    manifest["stats"] = batch._add_stats(manifest["stats"], done["stats"])
                manifest["complete"] = len(manifest["chunks"]) == total
                batch._save_manifest(out, manifest)
                logger.info("%s: chunk %d done (%d items), %d of %d", out, part, len(ids), len(finished), len(rows))
        except ray.exceptions.RayActorError as err:
            # A worker that cannot build the pipeline (a missing model folder, a bad pack) dies in its constructor;
            # Ray's message ends with the worker's own error, which is what the user needs to read.
            cause = str(err).strip().splitlines()[-1] if str(err).strip() else type(err).__name__
            raise RayWorkerError(f"A Ray worker stopped: {cause}") from err
    if not manifest["complete"]:  # iter_rows ended without every chunk: should not happen, but never say done
        raise RuntimeError(f"Ray returned {len(finished)} of {len(rows)} chunks; {out} is incomplete")
    done = manifest["chunks"]
    return batch.RunSummary(str(out), len(done), sum(c["items"] for c in done), resumed_after, dict(manifest["stats"]))
