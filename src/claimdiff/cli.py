"""The ``claimdiff`` command line. The only module that prints or configures logging handlers."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from claimdiff.attribution import EXTRACTORS
from claimdiff.report import WHATS

logger = logging.getLogger("claimdiff.cli")

OUT_FORMATS = (".jsonl", ".csv", ".html")


def _write(report, out: Path, what: str) -> None:
    suffix = out.suffix.lower()
    if suffix not in OUT_FORMATS:
        raise SystemExit(f"claimdiff: --out must end in one of {', '.join(OUT_FORMATS)}, got {out.name!r}")
    out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".html":
        out.write_text(report.to_html(), encoding="utf-8")
    elif suffix == ".csv":
        report.to_csv(out, what=what)
    else:
        report.to_jsonl(out, what=what)
    print(f"wrote {what if suffix != '.html' else 'report'} to {out}", file=sys.stderr)


def _check_inputs(files: list[str]) -> str | None:
    """Why the input files cannot be read, checked before any model loads (None when they can)."""
    for name in files:
        path = Path(name)
        if not path.exists():
            return f"no such input file: {name}"
        if not path.is_file():
            return f"{name} is not a file (pass .txt or .jsonl files)"
    return None


def _outputs(outs: list[str], what: str) -> list[tuple[str, Path]]:
    """(what, path) of each --out: "verdicts=v.csv" names its table, a bare path takes --what."""
    found = []
    for out in outs:
        table, sep, path = out.partition("=")
        found.append((table, Path(path)) if sep and table in WHATS else (what, Path(out)))
    return found


def _check_outputs(outs: list[str], chunked: bool) -> str | None:
    """Why the --out files cannot be written, checked before the analysis (None when they can)."""
    allowed = (".jsonl", ".csv") if chunked else OUT_FORMATS
    bad = [str(path) for _, path in _outputs(outs, "statements") if path.suffix.lower() not in allowed]
    if bad:
        how = "with --chunk-size, rows are appended per chunk, so " if chunked else ""
        return f"{how}--out takes files ending in {', '.join(allowed)}; got {', '.join(bad)}"
    return None


def _check_margin(margin: float | None) -> str | None:
    return None if margin is None or 0 <= margin <= 1 else f"--margin must be between 0 and 1, got {margin}"


def _accurate(value: str | None) -> str | bool | None:
    """--accurate-model as ClaimDiff.from_pretrained takes it: 'none' turns the cascade off."""
    return False if value is not None and value.lower() == "none" else value


def cmd_analyze(args: argparse.Namespace) -> int:
    from claimdiff.nli import ModelLoadError
    from claimdiff.pipeline import ClaimDiff

    if args.chunk_size is not None and args.chunk_size < 1:
        print(f"claimdiff: --chunk-size must be at least 1, got {args.chunk_size}", file=sys.stderr)
        return 2
    problem = (_check_inputs(args.files) or _check_outputs(args.out or [], args.chunk_size is not None)
               or _check_margin(args.margin) or _check_engine(args) or _check_out_dir(args))
    if problem:  # before loading models: a typo should cost a second, not a model load and an analysis
        print(f"claimdiff: {problem}", file=sys.stderr)
        return 2
    if args.engine == "ray":  # the workers load the models, not this process
        return _analyze_with_ray(args)
    try:
        cd = ClaimDiff.from_pretrained(args.model, pack=args.pack, device=args.device, precision=args.precision,
                                       accurate_model=_accurate(args.accurate_model), margin=args.margin,
                                       batch_size=args.batch_size, threshold=args.threshold, max_chars=args.max_chars,
                                       time_budget=args.time_budget,
                                       extractor=args.extractor)
    except (ModelLoadError, FileNotFoundError, ValueError) as err:
        print(f"claimdiff: {err}", file=sys.stderr)
        return 2
    if args.out_dir is not None or args.chunk_size is not None:
        from tqdm.contrib.logging import logging_redirect_tqdm

        with logging_redirect_tqdm():  # warnings (a repeated id ...) print above the progress bar, not through it
            return (_analyze_into_dir if args.out_dir is not None else _analyze_in_chunks)(cd, args)
    try:
        report = cd.analyze_files(args.files, text_column=args.text_column, id_column=args.id_column,
                                  show_progress_bar=not args.quiet)
    except (FileNotFoundError, ValueError) as err:
        print(f"claimdiff: {err}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(report.to_table(max_width=args.max_width))
    for what, out in _outputs(args.out or [], args.what):
        _write(report, out, what)
    return 1 if report.errors and not report.statements else 0


def _analyze_in_chunks(cd, args: argparse.Namespace) -> int:
    """Stream a corpus through ``cd.stream_files``: rows are appended to each --out file chunk by chunk."""
    from claimdiff.batch import progress_bar
    from claimdiff.corpus import count_documents

    outs = _outputs(args.out or [], args.what)
    for _, out in outs:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("", encoding="utf-8")
    totals: dict[str, int] = {}
    show = not args.quiet and sys.stderr.isatty()
    bar = progress_bar(count_documents(args.files) if show else None, show)
    try:
        for i, report in enumerate(cd.stream_files(args.files, args.chunk_size, args.text_column, args.id_column,
                                                   show_progress_bar=False)):
            for what, out in outs:
                if out.suffix.lower() == ".jsonl":
                    with open(out, "a", encoding="utf-8") as f:
                        report.to_jsonl(f, what=what)
                else:  # the same cells as an unchunked run (list cells JSON-encoded)
                    with open(out, "a", encoding="utf-8", newline="") as f:
                        report.to_csv(f, what=what, header=out.stat().st_size == 0)
            for key in ("documents", "errors", "statements", "candidate_pairs", "contradictions", "counterclaims"):
                totals[key] = totals.get(key, 0) + int(report.stats.get(key, 0))
            bar.set_postfix({k: totals[k] for k in ("statements", "contradictions", "errors")}, refresh=False)
            bar.update(int(report.stats.get("documents", 0)))
            if not args.quiet and bar.disable:  # a log a person or a file can read where no bar is drawn
                print(f"chunk {i + 1}: " + ", ".join(f"{k} {v:,}" for k, v in totals.items()), file=sys.stderr)
    except (FileNotFoundError, ValueError) as err:
        print(f"claimdiff: {err}", file=sys.stderr)
        return 2
    finally:
        bar.close()
    for what, out in outs:
        print(f"wrote {what} to {out}", file=sys.stderr)
    return 1 if totals.get("errors") and not totals.get("statements") else 0


def _check_engine(args: argparse.Namespace) -> str | None:
    """Why --engine/--workers cannot be used as given (None when they can)."""
    if args.engine != "ray":
        given = [flag for flag, value in (("--workers", args.workers), ("--extract-workers", args.extract_workers))
                 if value is not None]
        return f"{given[0]} needs --engine ray" if given else None
    if args.out_dir is None:
        return "--engine ray needs --out-dir, the folder it writes its shards in"
    if args.workers is not None and args.workers < 1:
        return f"--workers must be at least 1, got {args.workers}"
    if args.extract_workers is not None and args.extract_workers < 0:
        return f"--extract-workers must be at least 0, got {args.extract_workers}"
    try:
        from claimdiff.ray_engine import _ray

        _ray()
    except ImportError as err:
        return str(err)
    return None


def _analyze_with_ray(args: argparse.Namespace) -> int:
    """--engine ray: the corpus's chunks analysed by --workers Ray actors into --out-dir (claimdiff.ray_engine)."""
    from claimdiff.nli import ModelLoadError
    from claimdiff.ray_engine import RayWorkerError, analyze_with_ray

    try:
        done = analyze_with_ray(args.files, args.out_dir, resume=args.resume, chunk_size=args.chunk_size,
                                num_workers=args.workers or 2, extract_workers=args.extract_workers or 0,
                                tables=args.tables, text_column=args.text_column, id_column=args.id_column,
                                show_progress_bar=False if args.quiet else None, model=args.model, pack=args.pack,
                                device=args.device, precision=args.precision,
                                accurate_model=_accurate(args.accurate_model), margin=args.margin,
                                batch_size=args.batch_size, threshold=args.threshold, max_chars=args.max_chars,
                                time_budget=args.time_budget, extractor=args.extractor,
                                across_chunks=bool(args.across_chunks))
    except (ModelLoadError, FileNotFoundError, ValueError, RayWorkerError) as err:  # batch.RunError too
        print(f"claimdiff: {err}", file=sys.stderr)
        return 2
    if not args.quiet:
        figures = ", ".join(f"{k} {done.stats.get(k, 0):,}" for k in ("statements", "contradictions", "errors"))
        print(f"wrote {done.items:,} documents in {done.chunks} chunks to {done.out_dir} with Ray: {figures}",
              file=sys.stderr)
    return 1 if done.stats.get("errors") and not done.stats.get("statements") else 0


def _check_out_dir(args: argparse.Namespace) -> str | None:
    """Why --out-dir/--resume cannot be used as given, checked before any model loads (None when they can). On
    --resume, --chunk-size, --tables and --across-chunks default to the run's own."""
    from claimdiff import batch

    if args.out_dir is None:
        given = [flag for flag, on in (("--resume", args.resume), ("--tables", args.tables),
                                       ("--across-chunks", args.across_chunks)) if on]
        return f"{given[0]} needs --out-dir, the folder of a resumable run" if given else None
    if args.out:
        return "--out-dir writes each table as shards itself (choose them with --tables); drop --out"
    try:
        recorded = (batch.read_manifest(args.out_dir) or {}).get("settings", {}) if args.resume else {}
        if args.chunk_size is None:
            args.chunk_size = recorded.get("chunk_size", batch.DEFAULT_CHUNK_SIZE)
        args.tables = batch.check_tables(args.tables.split(",") if args.tables else
                                         recorded.get("tables", batch.DEFAULT_TABLES))
        if args.across_chunks is None:
            args.across_chunks = recorded.get("across_chunks", False)
        known = dict(chunk_size=args.chunk_size, tables=list(args.tables), across_chunks=args.across_chunks,
                     extractor=args.extractor, text_column=args.text_column, id_column=args.id_column,
                     threshold=args.threshold, max_chars=args.max_chars, time_budget=args.time_budget)
        batch.check_out_dir(args.out_dir, args.resume, known)
    except batch.RunError as err:
        return str(err)
    return None


def _analyze_into_dir(cd, args: argparse.Namespace) -> int:
    """A resumable run: shards per table per chunk in --out-dir, and its manifest (claimdiff.batch)."""
    from claimdiff import batch

    try:
        done = batch.run_files(cd, args.files, args.out_dir, args.chunk_size, args.resume, args.tables,
                               args.text_column, args.id_column, show_progress_bar=False if args.quiet else None,
                               across_chunks=args.across_chunks)
    except (FileNotFoundError, ValueError) as err:  # batch.RunError too: another input, other model settings
        print(f"claimdiff: {err}", file=sys.stderr)
        return 2
    if not args.quiet:
        resumed = f", resumed after {done.resumed_after:,}" if done.resumed_after else ""
        keys = ("statements", "contradictions", *(("cross_chunk_contradictions",) if args.across_chunks else ()),
                "errors")
        figures = ", ".join(f"{k} {done.stats.get(k, 0):,}" for k in keys)
        print(f"wrote {done.items:,} documents in {done.chunks} chunks to {done.out_dir}{resumed}: {figures}",
              file=sys.stderr)
    return 1 if done.stats.get("errors") and not done.stats.get("statements") else 0


def cmd_extract(args: argparse.Namespace) -> int:
    from claimdiff.actors import ActorRegistry
    from claimdiff.attribution import segment
    from claimdiff.corpus import iter_documents
    from claimdiff.pipeline import statements_of, to_documents

    problem = _check_inputs(args.files)
    if problem:
        print(f"claimdiff: {problem}", file=sys.stderr)
        return 2
    registry = ActorRegistry.from_file(args.pack) if args.pack else ActorRegistry.default()
    docs, errors = to_documents(list(iter_documents(args.files, args.text_column, args.id_column)))
    for doc in docs:
        found, problem = statements_of(doc, segment, registry)  # the rules alone, as claimdiff.extract
        if problem:
            errors.append(problem)
            continue
        for s in found:
            print(json.dumps(s.to_dict(), ensure_ascii=False))
    for e in errors:
        print(json.dumps({"error": e.to_dict()}, ensure_ascii=False))
    return 0


def cmd_evaluate_nli(args: argparse.Namespace) -> int:
    from claimdiff.evaluation.nli import evaluate_nli

    metrics = evaluate_nli(args.model, [s.strip() for s in args.sets.split(",")], args.data, args.split,
                           args.batch_size, args.limit)
    if args.json:
        print(json.dumps(metrics, indent=2))
        return 0
    data = metrics["data_dir"] or "(built-in sets only)"
    print(f"model: {metrics['model']}  split: {metrics['split']}  data: {data}")
    for name in args.sets.split(","):
        name = name.strip()
        print(f"\n{name}: accuracy {metrics[f'{name}/accuracy']:.4f} on {int(metrics[f'{name}/n'])} pairs, "
              f"calibration error {metrics[f'{name}/ece']:.3f} ({metrics[f'{name}/pairs_per_s']:.0f} pairs/s)")
        print(f"  {'label':<14} {'precision':>9} {'recall':>7} {'f1':>7}")
        for label in ("entailment", "neutral", "contradiction"):
            p, r, f = (metrics[f"{name}/{label}/{m}"] for m in ("precision", "recall", "f1"))
            print(f"  {label:<14} {p:>9.4f} {r:>7.4f} {f:>7.4f}")
    return 0


def cmd_evaluate_attribution(args: argparse.Namespace) -> int:
    from claimdiff.evaluation.attribution import PARTS, annotator_agreement, evaluate_attribution

    try:
        from claimdiff.attribution import extractor

        extract_fn = extractor(args.extractor)  # loads the tagger before timing, and fails early when it is missing
        if args.agreement:
            metrics = annotator_agreement(extract_fn, split=args.split, data_dir=args.data)
        else:
            metrics = evaluate_attribution(extract_fn, split=args.split, data_dir=args.data, limit=args.limit,
                                           annotators=args.annotators)
    except (FileNotFoundError, ValueError) as err:
        print(f"claimdiff: {err}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(metrics, indent=2))
        return 0
    rows = [(row, f"attribution/{row}/exact", f"attribution/{row}/overlap") for row in PARTS]
    rows.append(("relation", "attribution/relation/exact", "attribution/relation"))
    if args.agreement:
        print(f"extractor: {metrics['extractor']}  split: {metrics['split']}  data: {metrics['data_dir']}")
        print(f"{metrics['articles']} articles annotated more than once, {metrics['annotations']} annotations, "
              f"{metrics['annotator_pairs']} annotator pairs; F1 of each annotator against the others, and of the "
              "extractor against each annotator\n")
        print(f"  {'':<9} {'annotators exact':>16} {'overlap':>8}   {'extractor exact':>15} {'overlap':>8}")
        for row, exact, overlap in rows:
            a, e = (f"{who}/{exact}/f1" for who in ("annotators", "extractor"))
            ao, eo = (f"{who}/{overlap}/f1" for who in ("annotators", "extractor"))
            print(f"  {row:<9} {metrics[a]:>16.4f} {metrics[ao]:>8.4f}   {metrics[e]:>15.4f} {metrics[eo]:>8.4f}")
        return 0
    print(f"extractor: {metrics['extractor']}  split: {metrics['split']}  annotators: {metrics['annotators']}  "
          f"data: {metrics['data_dir']}")
    print(f"{metrics['articles']} articles, {metrics['gold_relations']} gold relations, "
          f"{metrics['predicted']} predicted statements ({metrics['articles_per_s']:.1f} articles/s)\n")
    print(f"  {'':<9} {'exact P':>8} {'R':>7} {'F1':>7}   {'overlap P':>9} {'R':>7} {'F1':>7}")
    for row, exact, overlap in rows:
        e = [metrics[f"{exact}/{m}"] for m in ("precision", "recall", "f1")]
        o = [metrics[f"{overlap}/{m}"] for m in ("precision", "recall", "f1")]
        print(f"  {row:<9} {e[0]:>8.4f} {e[1]:>7.4f} {e[2]:>7.4f}   {o[0]:>9.4f} {o[1]:>7.4f} {o[2]:>7.4f}")
    return 0


def cmd_evaluate_resolution(args: argparse.Namespace) -> int:
    from claimdiff.evaluation.resolution import evaluate_resolution

    try:
        metrics = evaluate_resolution(args.cases, args.data)
    except (FileNotFoundError, ValueError) as err:
        print(f"claimdiff: {err}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(metrics, indent=2, default=str))
        return 0
    print(f"cases: {metrics['cases_path']}  ({metrics['skipped']} skipped)")
    print(f"  {'':<22} {'cases':>5} {'correct':>7} {'accuracy':>8} {'not found':>9}")
    rows = [("all", metrics)] + [(src, m) for src, m in metrics["by_source"].items()]
    rows += [(f"  {p}", m) for p, m in metrics["by_phenomenon"].items()]
    for name, m in rows:
        print(f"  {name:<22} {m['cases']:>5} {m['correct']:>7} {m['accuracy']:>8.3f} {m['not_found']:>9}")
    fmt = lambda x: "-" if x is None else f"{x:.2f}"  # noqa: E731
    print(f"mean confidence of resolved speakers: correct {fmt(metrics['mean_confidence_correct'])}, "
          f"wrong {fmt(metrics['mean_confidence_wrong'])}")
    return 0


def cmd_evaluate_pairs(args: argparse.Namespace) -> int:
    from claimdiff.evaluation.pairs import evaluate_pairs
    from claimdiff.nli import ModelLoadError
    from claimdiff.evaluation.data import resolve_data_dir
    from claimdiff.pipeline import ClaimDiff

    texts = Path(args.texts) if args.texts else resolve_data_dir(None) / "attribution" / "PolNeAR" / "data"
    try:
        cd = ClaimDiff.from_pretrained(args.model, extractor=args.extractor, precision=args.precision,
                                       accurate_model=_accurate(args.accurate_model), margin=args.margin,
                                       threshold=args.threshold)
        errors: list | None = [] if args.errors else None
        metrics = evaluate_pairs(cd, args.data, texts, args.flagged_by, errors)
        if errors is not None:
            with open(args.errors, "w", encoding="utf-8") as f:
                f.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in errors)
    except (FileNotFoundError, ValueError, ModelLoadError) as err:
        print(f"claimdiff: {err}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(metrics, indent=2))
        return 0
    names = sorted({k.split("/", 1)[0] for k in metrics if "/" in k} - {"all"}) + ["all"]
    print(f"benchmark: {args.data}  flagged by: {metrics['flagged_by']}")
    print(f"  {'':<10} {'contra':>6} {'compat':>6} {'recall':>6} {'false alarm':>11} {'precision':>9}")
    fmt = lambda x: "-" if x is None else f"{x:.3f}"  # noqa: E731
    for name in names:
        print(f"  {name:<10} {metrics[f'{name}/contradiction_pairs']:>6} {metrics[f'{name}/compatible_pairs']:>6} "
              f"{fmt(metrics[f'{name}/recall']):>6} {fmt(metrics[f'{name}/false_alarm']):>11} "
              f"{fmt(metrics[f'{name}/precision']):>9}")
    for name in names[:-1]:
        detail = {k.split("/", 1)[1]: v for k, v in metrics.items() if k.startswith(f"{name}/")}
        print(f"{name}: " + ", ".join(f"{k} {fmt(v) if isinstance(v, float) or v is None else v}"
                                       for k, v in detail.items()
                                       if k not in ("recall", "false_alarm", "precision", "contradiction_pairs",
                                                    "compatible_pairs")))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="claimdiff", description="Who claims what in conflict news, and where "
                                     "the sides contradict each other.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log at DEBUG level")
    sub = parser.add_subparsers(dest="command", required=True)

    def inputs(p: argparse.ArgumentParser) -> None:
        p.add_argument("files", nargs="+", help=".txt files (one article each) or .jsonl files (one per line)")
        p.add_argument("--text-column", default="text", help="JSONL field holding the text (default: text)")
        p.add_argument("--id-column", default="id", help="JSONL field holding the id (default: id)")
        p.add_argument("--pack", default=None, help="actor pack (YAML/JSON); default: Armenia–Azerbaijan")

    def cascade(p: argparse.ArgumentParser) -> None:
        p.add_argument("--accurate-model", default=None,
                       help="NLI model that re-judges the pairs the first reads near a decision (a cascade); "
                            "default: the shipped accurate model when installed and --model is not given; "
                            "'none' runs --model alone")
        p.add_argument("--margin", type=float, default=None,
                       help="send a pair to the accurate model when the first model's two likeliest labels are "
                            "closer than this (0: never, 1: always; default 0.2)")

    a = sub.add_parser("analyze", help="find attributed statements and cross-side contradictions")
    inputs(a)
    a.add_argument("--out", action="append",
                   help="write .jsonl, .csv or .html (repeatable); TABLE=PATH writes that table, e.g. "
                        "--out statements=s.csv --out verdicts=v.csv (a bare PATH takes --what)")
    a.add_argument("--what", choices=WHATS, default="statements", help="rows written to .jsonl/.csv")
    a.add_argument("--model", default=None, help="NLI model folder or Hub id (default: the shipped model)")
    cascade(a)
    a.add_argument("--device", default=None, help="cpu, cuda, cuda:1 ... (default: cuda when available)")
    a.add_argument("--batch-size", type=int, default=32)
    a.add_argument("--precision", default=None, choices=("fp32", "bf16", "fp16"),
                   help="NLI precision (default: fp32 on CPU, fp16 on CUDA; bf16 is faster on recent CPUs)")
    a.add_argument("--chunk-size", type=int, default=None,
                   help="stream the corpus N documents at a time (pairs within each chunk; bounded memory); "
                        "--out then takes .jsonl/.csv, appended per chunk")
    a.add_argument("--out-dir", default=None, metavar="DIR",
                   help="a long run: rows written as JSONL shards per table per chunk in DIR (a new or empty "
                        "folder), with a manifest of the documents done (chunks of --chunk-size, default 100)")
    a.add_argument("--resume", action="store_true",
                   help="finish the run in --out-dir where it stopped, with its settings, skipping the documents "
                        "done (refused if the input or the settings changed)")
    a.add_argument("--across-chunks", action="store_true", default=None,
                   help="with --out-dir: also pair each chunk's statements with the most similar opposing statements "
                        "of the chunks before (an index in DIR/index) and judge them: DIR/cross_verdicts, "
                        "DIR/cross_counterclaims")
    a.add_argument("--tables", default=None,
                   help="with --out-dir: comma-separated tables to write (default: "
                        "statements,verdicts,contradictions,counterclaims,errors; a documents ledger always)")
    a.add_argument("--engine", default="local", choices=("local", "ray"),
                   help="with --out-dir: local (default) analyses the chunks in this process; ray hands them to "
                        "--workers Ray actors (pip install 'claimdiff[ray]'; the cluster in RAY_ADDRESS, else a "
                        "local Ray), each loading the models once; the same rows (with --across-chunks the "
                        "cross-chunk step runs in this process)")
    a.add_argument("--workers", type=int, default=None, metavar="N",
                   help="with --engine ray: Ray actors, one CPU and one copy of the models each (default 2)")
    a.add_argument("--extract-workers", type=int, default=None, metavar="N",
                   help="with --engine ray: N more actors (one CPU each) find the statements and hand them to the "
                        "--workers, which pair and judge them (default 0: the workers do both)")
    a.add_argument("--extractor", default="rules_first", choices=tuple(EXTRACTORS),
                   help="how statements are found: rules_first (default) is the rules plus the attribution "
                        "tagger's statements where the rules find none; rules needs no model")
    a.add_argument("--threshold", type=float, default=0.5, help="contradiction score threshold")
    a.add_argument("--max-chars", type=int, default=1_000_000, help="longer documents get an error row")
    a.add_argument("--time-budget", type=float, default=None,
                   help="seconds one document's extraction may take; an overrun gets an error row")
    a.add_argument("--max-width", type=int, default=110, help="terminal table width")
    a.add_argument("-q", "--quiet", action="store_true", help="no table and no progress bar")
    a.set_defaults(func=cmd_analyze)

    x = sub.add_parser("extract", help="attributed statements only, as JSON lines (no NLI model needed)")
    inputs(x)
    x.set_defaults(func=cmd_extract)

    e = sub.add_parser("evaluate-nli", help="accuracy and per-class P/R/F1 of an NLI model on labelled sets")
    e.add_argument("--data", default=None, help="data folder laid out like shared/data (or $CLAIMDIFF_DATA)")
    e.add_argument("--model", default=None, help="NLI model folder or Hub id (default: the shipped model)")
    e.add_argument("--sets", default="snli,taxinli", help="comma-separated set names")
    e.add_argument("--split", default="validation", choices=("train", "validation", "all"))
    e.add_argument("--batch-size", type=int, default=64)
    e.add_argument("--limit", type=int, default=None, help="first N pairs of each set")
    e.add_argument("--json", action="store_true", help="print the metrics as JSON")
    e.set_defaults(func=cmd_evaluate_nli)

    r = sub.add_parser("evaluate-resolution", help="accuracy of actor resolution on hand-labelled speaker mentions")
    r.add_argument("--data", default=None, help="data folder with PolNeAR (or $CLAIMDIFF_DATA)")
    r.add_argument("--cases", default=None, help="cases JSONL (default: seeds/resolution_cases.jsonl)")
    r.add_argument("--json", action="store_true", help="print the metrics as JSON")
    r.set_defaults(func=cmd_evaluate_resolution)

    t = sub.add_parser("evaluate-attribution", help="span and relation P/R/F1 of the extractor on PolNeAR")
    t.add_argument("--data", default=None, help="data folder laid out like shared/data (or $CLAIMDIFF_DATA)")
    t.add_argument("--split", default="dev", choices=("train", "dev"))
    t.add_argument("--limit", type=int, default=None, help="first N articles")
    t.add_argument("--annotators", default="first", choices=("first", "all"),
                   help="first: one annotation per article (default); all: each annotation as its own article")
    t.add_argument("--agreement", action="store_true",
                   help="on the articles annotated more than once: each annotator against the others (the human "
                        "ceiling), and the extractor against each annotator")
    t.add_argument("--extractor", default="rules", choices=tuple(EXTRACTORS),
                   help="rules: claimdiff.attribution.rules (default); learned: the attribution tagger in "
                        "models/claimdiff-attribution-minilm-l6; combined: tagger plus the rules it leaves out; "
                        "rules_first: the rules' attributions plus the tagger's where the rules found none")
    t.add_argument("--json", action="store_true", help="print the metrics as JSON")
    t.set_defaults(func=cmd_evaluate_attribution)

    p = sub.add_parser("evaluate-pairs", help="contradiction-pair recall, precision and false alarms on a benchmark")
    p.add_argument("--data", default="benchmarks/contradictions",
                   help="benchmark folder (articles/statements/pairs.jsonl), or a folder of them")
    p.add_argument("--texts", default=None, help="root of articles given by 'source' (default: "
                   "$CLAIMDIFF_DATA/attribution/PolNeAR/data)")
    p.add_argument("--model", default=None, help="NLI model folder or Hub id (default: the shipped model)")
    cascade(p)
    p.add_argument("--extractor", default="rules_first", choices=tuple(EXTRACTORS))
    p.add_argument("--precision", default=None, choices=("fp32", "bf16", "fp16"))
    p.add_argument("--threshold", type=float, default=0.5,
                   help="contradiction score threshold of the pipeline's judge (default 0.5, as in analyze)")
    p.add_argument("--flagged-by", default="both", choices=("both", "verdicts", "counterclaims"),
                   help="which pairs count as flagged: contradiction verdicts, counterclaims, or either")
    p.add_argument("--json", action="store_true", help="print the metrics as JSON")
    p.add_argument("--errors", default=None, metavar="JSONL",
                   help="write the pairs it gets wrong, with what became of each (for development benchmarks)")
    p.set_defaults(func=cmd_evaluate_pairs)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if args.verbose:
        logging.getLogger("claimdiff").setLevel(logging.DEBUG)
    else:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # weight-loading bars say nothing to a reader of the table
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
