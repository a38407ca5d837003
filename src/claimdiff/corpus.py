"""Reading documents from files: plain text (one article per file) and JSONL (one article per line).

A broken JSONL line becomes a :class:`DocumentError` carrying its line number; the other lines still load.

Example:
    >>> docs, errors = read_documents("corpus.jsonl")  # doctest: +SKIP
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from claimdiff.records import Document, DocumentError

logger = logging.getLogger(__name__)


def read_jsonl(path: str | os.PathLike, text_column: str = "text", id_column: str = "id"
               ) -> tuple[list[Document], list[DocumentError]]:
    """Documents from a JSONL file with an id, a text and optional metadata columns per line.

    Raises:
        ValueError: when no line has ``text_column`` (a wrong column name), naming the columns found.
    """
    path = Path(path)
    docs: list[Document] = []
    errors: list[DocumentError] = []
    columns_seen: set[str] = set()
    with open(path, encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            fallback_id = f"{path.stem}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                errors.append(DocumentError(fallback_id, "invalid_json", f"{path}:{number}: {err.msg}", line=number))
                continue
            if not isinstance(row, dict):
                errors.append(DocumentError(fallback_id, "invalid_json",
                                            f"{path}:{number}: expected a JSON object, got {type(row).__name__}",
                                            line=number))
                continue
            columns_seen.update(row)
            doc_id = str(row.get(id_column, fallback_id))
            text = row.get(text_column)
            if not isinstance(text, str):
                errors.append(DocumentError(doc_id, "missing_text", f"{path}:{number}: no string column "
                                            f"{text_column!r}; this line has {sorted(row)}", line=number))
                continue
            meta = {k: v for k, v in row.items() if k not in (text_column, id_column)}
            docs.append(Document(doc_id, text, {**meta, "source_file": str(path), "line": number}))
    if not docs and columns_seen and text_column not in columns_seen:
        raise ValueError(f"{path}: no line has a {text_column!r} column; the columns found are "
                         f"{sorted(columns_seen)}. Pass --text-column (or text_column=) with one of them.")
    logger.info("%s: %d documents, %d error rows", path, len(docs), len(errors))
    return docs, errors


def read_documents(paths: str | os.PathLike | list, text_column: str = "text", id_column: str = "id"
                   ) -> tuple[list[Document], list[DocumentError]]:
    """Documents from .txt files (id = file name without suffix) and .jsonl files, in the order given."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    docs: list[Document] = []
    errors: list[DocumentError] = []
    for path in map(Path, paths):
        if not path.is_file():
            raise FileNotFoundError(f"No such input file: {path}")
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            more, problems = read_jsonl(path, text_column, id_column)
            docs.extend(more)
            errors.extend(problems)
        else:
            text = path.read_text(encoding="utf-8", errors="replace")
            docs.append(Document(path.stem, text, {"source_file": str(path)}))
    return docs, errors
