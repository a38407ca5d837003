"""Reading documents from files: plain text (one article per file) and JSONL (one article per line).

A broken JSONL line becomes a :class:`DocumentError` carrying its line number; the other lines still load.
Invalid UTF-8 in a file is replaced with a warning. :func:`claimdiff.pipeline.to_documents`, which every entry
point passes documents through, then makes text safe (:func:`clean_text`: lone surrogates, which JSON may escape
but no encoder writes, become U+FFFD one for one, so offsets hold) and ids unique (:class:`UniqueIds`: ``same``,
``same~2``), each with a warning.

Example:
    >>> docs, errors = read_documents("corpus.jsonl")  # doctest: +SKIP
    >>> for item in iter_documents("big.jsonl"): ...  # lazily, for corpora that do not fit in memory  # doctest: +SKIP
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from claimdiff.records import Document, DocumentError

logger = logging.getLogger(__name__)

REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str, doc_id: str | None = None) -> str:
    """``text`` with lone surrogates replaced by U+FFFD (same length: offsets into it hold for the input).

    Example:
        >>> clean_text("calm \\ud800 today") == "calm \\ufffd today"
        True
    """
    cleaned, n = _SURROGATE.subn(REPLACEMENT, text)
    if n:
        logger.warning("document %r: %d lone surrogate(s) replaced by U+FFFD", doc_id, n)
    return cleaned


class UniqueIds:
    """Makes repeated document ids unique, in input order and deterministically: the second ``same`` becomes
    ``same~2``, the third ``same~3``. One instance spans a whole run (all chunks of a stream).

    Example:
        >>> ids = UniqueIds()
        >>> [ids("a"), ids("b"), ids("a"), ids("a")]
        ['a', 'b', 'a~2', 'a~3']
    """

    def __init__(self) -> None:
        self._taken: set[str] = set()
        self._next: dict[str, int] = {}

    def __call__(self, doc_id: str) -> str:
        unique, n = doc_id, self._next.get(doc_id, 1)
        while unique in self._taken:
            n += 1
            unique = f"{doc_id}~{n}"
        self._next[doc_id] = n
        self._taken.add(unique)
        if unique != doc_id:
            logger.warning("document id %r occurs more than once; this one is %r", doc_id, unique)
        return unique


def _read_text_file(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        text = data.decode("utf-8", errors="replace")
        logger.warning("%s is not valid UTF-8 (%s); %d undecodable byte run(s) replaced by U+FFFD", path,
                       err.reason, text.count(REPLACEMENT))
        return text


def iter_jsonl(path: str | os.PathLike, text_column: str = "text", id_column: str = "id"
               ) -> Iterator[Document | DocumentError]:
    """Documents and error rows of a JSONL file, one line at a time (memory does not grow with the file).

    Raises:
        ValueError: at the end of a file where no line has ``text_column`` (a wrong column name), naming the
            columns found.
    """
    path = Path(path)
    found, errors = 0, 0
    columns_seen: set[str] = set()
    with open(path, encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            item = _parse_line(path, number, line, text_column, id_column, columns_seen)
            found += isinstance(item, Document)
            errors += isinstance(item, DocumentError)
            yield item
    if not found and columns_seen and text_column not in columns_seen:
        raise ValueError(f"{path}: no line has a {text_column!r} column; the columns found are "
                         f"{sorted(columns_seen)}. Pass --text-column (or text_column=) with one of them.")
    logger.info("%s: %d documents, %d error rows", path, found, errors)


def _parse_line(path: Path, number: int, line: str, text_column: str, id_column: str,
                columns_seen: set[str]) -> Document | DocumentError:
    fallback_id = f"{path.stem}:{number}"
    try:
        row = json.loads(line)
    except json.JSONDecodeError as err:
        return DocumentError(fallback_id, "invalid_json", f"{path}:{number}: {err.msg}", line=number)
    if not isinstance(row, dict):
        return DocumentError(fallback_id, "invalid_json",
                             f"{path}:{number}: expected a JSON object, got {type(row).__name__}", line=number)
    columns_seen.update(row)
    doc_id = fallback_id if row.get(id_column) is None else str(row[id_column])  # a null id is a missing one
    text = row.get(text_column)
    if not isinstance(text, str):
        return DocumentError(doc_id, "missing_text", f"{path}:{number}: no string column "
                             f"{text_column!r}; this line has {sorted(row)}", line=number)
    meta = {k: v for k, v in row.items() if k not in (text_column, id_column)}
    return Document(doc_id, text, {**meta, "source_file": str(path), "line": number})


def iter_documents(paths: str | os.PathLike | list, text_column: str = "text", id_column: str = "id"
                   ) -> Iterator[Document | DocumentError]:
    """Documents (and error rows) from .txt files (id = file name without suffix) and .jsonl files, lazily,
    in the order given; :meth:`claimdiff.ClaimDiff.stream` reads a corpus this way."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for path in map(Path, paths):
        if not path.is_file():
            raise FileNotFoundError(f"No such input file: {path}")
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            yield from iter_jsonl(path, text_column, id_column)
        else:
            yield Document(path.stem, _read_text_file(path), {"source_file": str(path)})


def count_documents(paths: str | os.PathLike | list) -> int:
    """How many items :func:`iter_documents` yields for ``paths`` (documents and error rows): the non-blank lines
    of each JSONL file, one per other file. Reads the bytes without parsing them, so a progress bar can show a
    total and an ETA at the cost of one quick pass over the files.

    Example:
        >>> count_documents("corpus.jsonl")  # doctest: +SKIP
        10000
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    total = 0
    for path in map(Path, paths):
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            with open(path, "rb") as f:
                total += sum(1 for line in f if line.strip())
        else:
            total += 1
    return total


def read_jsonl(path: str | os.PathLike, text_column: str = "text", id_column: str = "id"
               ) -> tuple[list[Document], list[DocumentError]]:
    """Documents from a JSONL file with an id, a text and optional metadata columns per line.

    Raises:
        ValueError: when no line has ``text_column`` (a wrong column name), naming the columns found.
    """
    return _split(iter_jsonl(path, text_column, id_column))


def read_documents(paths: str | os.PathLike | list, text_column: str = "text", id_column: str = "id"
                   ) -> tuple[list[Document], list[DocumentError]]:
    """Documents from .txt files (id = file name without suffix) and .jsonl files, in the order given."""
    return _split(iter_documents(paths, text_column, id_column))


def _split(items: Iterable[Document | DocumentError]) -> tuple[list[Document], list[DocumentError]]:
    docs: list[Document] = []
    errors: list[DocumentError] = []
    for item in items:
        (docs if isinstance(item, Document) else errors).append(item)
    return docs, errors
