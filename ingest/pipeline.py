"""Paths in, records out: the one entry point the CLI and later stages call.

A batch never dies on one file: each file ends as ok, ok-with-warnings, failed (with a
one-line reason naming the file) or skipped (unknown type), and the records of the good
files are always returned.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from kompetansekart.ingest.accounting import account
from kompetansekart.ingest.context import Context
from kompetansekart.ingest.document import Document
from kompetansekart.ingest.errors import IngestError, UnsupportedFormat
from kompetansekart.ingest.fill import fill
from kompetansekart.ingest.form import read_form
from kompetansekart.ingest.grouping import belong_together, main_first
from kompetansekart.ingest.infer import infer
from kompetansekart.ingest.labels import Labels
from kompetansekart.ingest.layouts import detect
from kompetansekart.ingest.readers import READERS, reader_for
from kompetansekart.ingest.records import Diagnostic, NeedsReport, OrgRef, Source
from kompetansekart.ingest.resolve import Resolver
from kompetansekart.ingest.vocab import Vocabulary
from kompetansekart.runtime import paused_gc

Status = Literal["ok", "warnings", "failed", "skipped"]


@dataclass
class FileOutcome:
    path: str
    status: Status
    record: NeedsReport | None = None
    error: str | None = None


@dataclass
class Batch:
    outcomes: list[FileOutcome] = field(default_factory=list)

    @property
    def records(self) -> list[NeedsReport]:
        return [o.record for o in self.outcomes if o.record is not None]

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> bool:
        return self.count("failed") > 0


class Parser:
    """Holds what is expensive to build once per batch: the resolver and vocabularies."""

    def __init__(self, resolver: Resolver | None = None) -> None:
        self.resolver = resolver or Resolver()
        self.themes = Vocabulary.themes()
        self.target_groups = Vocabulary.target_groups()
        self.schemes = Vocabulary.schemes()
        self.labels = Labels.load()

    def parse_document(self, doc: Document) -> NeedsReport:
        report = NeedsReport(
            id=doc.content_id,
            source=Source(doc.path, doc.format, doc.sha256),
            owner=OrgRef(name="(unknown)", id=None, kind=None),
        )
        ctx = Context(doc, report, self.resolver, self.themes, self.target_groups, self.schemes)
        form = read_form(doc, self.labels)
        layout = detect(doc, form)
        report.layout = layout.name
        state = fill(ctx, form, self.labels, layout.answers)
        account(state)
        infer(ctx)
        return report

    def parse_file(self, path: Path) -> NeedsReport:
        fmt, read = reader_for(path)
        result = read(path)
        doc = Document.from_lines(str(path), fmt, result.lines, result.raw)
        if not doc.lines:
            raise IngestError(f"{path}: no text found in the document")
        report = self.parse_document(doc)
        report.diagnostics[:0] = [_own_file(d, str(path)) for d in result.diagnostics]
        return report

    def parse_parts(self, paths: list[Path]) -> NeedsReport:
        """One report from several files (the main form first): their lines as one
        document, each line keeping its file (`kompetansekart.ingest.grouping`)."""
        lines = []
        diagnostics = []
        parts = []
        for path in paths:
            fmt, read = reader_for(path)
            result = read(path)
            lines += [replace(line, file=str(path)) for line in result.lines]
            diagnostics += [_own_file(d, str(paths[0])) for d in result.diagnostics]
            parts.append(Source(str(path), fmt, Document("", fmt, [], result.raw).sha256))
        main = parts[0]
        doc = Document.from_lines(main.path, main.format, lines, b"")
        report = self.parse_document(doc)
        report.source = replace(main, parts=parts[1:])
        report.diagnostics[:0] = diagnostics
        return report


def _own_file(d: Diagnostic, path: str) -> Diagnostic:
    """A reader's diagnostic names its file only when that is not the report's main file."""
    return replace(d, file=None) if d.file == path else d


# Files in a folder that document the folder rather than being reports. Only skipped in
# folder walks: a file named on the command line is always read.
_DOC_FILES = re.compile(r"^(readme|license|licence|changelog|contributing)(\.|$)", re.I)


def iter_files(paths: Iterable[Path]) -> Iterator[tuple[Path, bool]]:
    """(path, named) for files named directly and files below folders (recursively,
    sorted, hidden ones skipped). A folder reached twice through symlinks is walked once,
    so loops end."""
    seen_dirs: set[str] = set()
    for path in paths:
        if path.is_dir():
            yield from ((p, False) for p in _walk(path, seen_dirs))
        else:
            yield path, True


def _walk(root: Path, seen: set[str]) -> Iterator[Path]:
    real = os.path.realpath(root)
    if real in seen:
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        yield root  # reported as unreadable by ingest_file
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if _is_dir(entry):
            yield from _walk(path, seen)
        else:
            yield path


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """DirEntry.is_dir() raises on a symbolic link loop; such an entry is reported as a
    file that cannot be read instead of stopping the walk."""
    try:
        return entry.is_dir()
    except OSError:
        return False


# Below this many files one process is faster than starting workers (~0.4 s each).
PARALLEL_MIN_FILES = 64
_CHUNK = 32  # files per task: few enough round trips, small enough for a smooth progress bar


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def ingest_paths(
    paths: Iterable[Path | str],
    *,
    parser: Parser | None = None,
    on_file: Callable[[FileOutcome], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    jobs: int | None = None,
) -> Batch:
    """Ingest every file; `on_start(n)` is told how many files there are (for a progress
    bar) and `on_file` gets each outcome as it is ready, in file order.

    `jobs` worker processes parse in parallel (each with its own Parser); by default one
    per core when there are at least PARALLEL_MIN_FILES files and no parser is given, else
    this process alone. The outcomes are the same either way (tested)."""
    files = list(iter_files(Path(p) for p in paths))
    if on_start:
        on_start(len(files))
    if jobs is None:
        jobs = 1 if parser is not None or len(files) < PARALLEL_MIN_FILES else default_jobs()
    batch = Batch()
    folder: list[tuple[Path, FileOutcome]] = []

    def flush() -> None:
        for outcome in _grouped(folder, parser):
            batch.outcomes.append(outcome)
            if on_file:
                on_file(outcome)
        folder.clear()

    with paused_gc():  # see kompetansekart/runtime.py
        for (path, named), outcome in zip(files, _outcomes(files, parser, jobs), strict=True):
            if folder and (named or path.parent != folder[-1][0].parent):
                flush()
            folder.append((path, outcome))
            if named:
                flush()
        flush()
    return batch


def _grouped(folder: list[tuple[Path, FileOutcome]], parser: Parser | None) -> list[FileOutcome]:
    """The outcomes of one folder's files, with the files of one report read as one
    (`kompetansekart.ingest.grouping`): their outcome is the folder's."""
    good = [(p, o) for p, o in folder if o.record is not None]
    records = [o.record for _, o in good]
    if not belong_together(records):  # type: ignore[arg-type]
        return [o for _, o in folder]
    order = [good[k][0] for k in main_first(records)]  # type: ignore[arg-type]
    folder_path = order[0].parent
    try:
        record = (parser or Parser()).parse_parts(order)
    except IngestError as exc:
        merged = FileOutcome(str(folder_path), "failed", error=str(exc))
    else:
        warned = any(d.level in ("warning", "error") for d in record.diagnostics)
        merged = FileOutcome(str(folder_path), "warnings" if warned else "ok", record)
    rest = [o for p, o in folder if o.record is None]
    return [merged, *rest]


def _outcomes(
    files: list[tuple[Path, bool]], parser: Parser | None, jobs: int
) -> Iterator[FileOutcome]:
    if jobs <= 1 or len(files) <= 1:
        parser = parser or Parser()
        for path, named in files:
            yield _ingest_one(parser, path, named)
        return
    # fork: the workers start at once with everything imported, and a caller's script is
    # not re-run in them (spawn and forkserver re-import __main__, which breaks scripts
    # without a main guard). The workers only parse and return results; they never touch
    # the console or locks that the parent's progress-bar thread might hold.
    context = multiprocessing.get_context("fork")
    chunks = [files[i : i + _CHUNK] for i in range(0, len(files), _CHUNK)]
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker) as pool:
        for outcomes in pool.map(_ingest_chunk, chunks):
            yield from outcomes


_WORKER_PARSER: Parser | None = None


def _start_worker() -> None:
    global _WORKER_PARSER
    _WORKER_PARSER = Parser()


def _ingest_chunk(files: list[tuple[Path, bool]]) -> list[FileOutcome]:
    assert _WORKER_PARSER is not None
    with paused_gc():
        return [_ingest_one(_WORKER_PARSER, path, named) for path, named in files]


def _ingest_one(parser: Parser, path: Path, named: bool) -> FileOutcome:
    if not named and _DOC_FILES.match(path.name):
        return FileOutcome(str(path), "skipped", error=f"{path}: documentation, not a report")
    return ingest_file(parser, path)


def ingest_file(parser: Parser, path: Path) -> FileOutcome:
    problem = _unreachable(path)
    if problem:
        return FileOutcome(str(path), "failed", error=f"{path}: {problem}")
    if path.suffix.lower() not in READERS:
        return FileOutcome(
            str(path), "skipped", error=str(UnsupportedFormat(path, sorted(READERS)))
        )
    try:
        record = parser.parse_file(path)
    except IngestError as exc:
        return FileOutcome(str(path), "failed", error=str(exc))
    except Exception as exc:  # a parser bug must not lose the rest of the batch
        return FileOutcome(
            str(path), "failed", error=f"{path}: internal error ({type(exc).__name__}: {exc})"
        )
    warned = any(d.level in ("warning", "error") for d in record.diagnostics)
    return FileOutcome(str(path), "warnings" if warned else "ok", record)


def _unreachable(path: Path) -> str | None:
    """Why a path cannot even be looked at (missing, a broken or looping symbolic link, a
    folder that cannot be listed), or None."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            return f"broken symbolic link (points to {os.readlink(path)})"
        return "no such file or folder"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        return f"cannot read: {exc.strerror or exc}"
    if stat.S_ISDIR(info.st_mode):
        try:
            os.scandir(path).close()
        except OSError as exc:
            return f"cannot list the folder: {exc.strerror or exc}"
        return "is a folder, not a file"
    return None
