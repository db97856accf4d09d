"""Read the raw folder: every file becomes a parsed document or a reject with a reason, none is lost.

Work is split the way the Dagster assets run it:

- per document (one dynamic partition each): `files_by_key` groups the folder's files by the partition
  key of their doc_id, and `parse_files` reads and parses one group into a `DocumentParse`;
- per corpus: `assemble_corpus` applies the rules that need every file (one document per content,
  in file-name order) and returns the documents and rejects.

`parse_raw_folder` chains both, for callers that want the whole folder at once.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import signal
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipelines import settings
from pipelines.parse.document import doc_id_from_name, parse_document
from pipelines.parse.model import ParsedDocument, RejectedInput

# The folder's own documentation: listed as rejects (so that nothing in the folder goes unmentioned), not parsed.
DOCUMENTATION_NAMES = {"SOURCES.md", "README.md"}
READ_BLOCK = 1 << 20


@dataclass(frozen=True)
class Reject:
    source_file: str
    sha256: str | None
    reason: str


@dataclass(frozen=True)
class ParsedFile:
    """One raw file after reading and parsing: a document, or the reason it is not one."""

    source_file: str
    sha256: str | None  # None when the file could not be read
    document: ParsedDocument | None = None
    reason: str | None = None


@dataclass(frozen=True)
class DocumentParse:
    """What one document partition holds: its file (or the files whose names give its doc_id)."""

    key: str
    input_sha256: str  # see input_fingerprint; what the partition's stored results depend on
    files: tuple[ParsedFile, ...]

    @property
    def document(self) -> ParsedDocument | None:
        return next((f.document for f in self.files if f.document is not None), None)


def raw_files(raw_dir: Path) -> list[Path]:
    """Every entry of the folder, dot-files, links and folders included, in a stable order: each one
    becomes a document or a reject, so a user sees what happened to it."""
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder {raw_dir} does not exist: create it or pass --raw")
    return sorted(raw_dir.iterdir(), key=lambda p: p.name)


def holds_no_texts(raw_dir: Path) -> bool:
    """True when the folder has nothing but its own documentation: a build of it would publish an empty
    release, which is almost always a wrong --raw."""
    return all(p.name in DOCUMENTATION_NAMES for p in raw_files(raw_dir))


class TooLarge(RejectedInput):
    """A file over the size limit: a reject that still knows its sha256."""

    def __init__(self, reason: str, sha256: str):
        super().__init__(reason)
        self.sha256 = sha256


def check_entry(path: Path, raw_dir: Path) -> None:
    """Raise RejectedInput when the entry is not a regular text file of the folder (checked before reading)."""
    if path.name in DOCUMENTATION_NAMES:
        raise RejectedInput("the raw folder's own documentation (provenance, notes), not a text: not parsed")
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (RuntimeError, OSError) as error:  # 3.11 reports a loop as RuntimeError, later ones as ELOOP
            if isinstance(error, RuntimeError) or error.errno == errno.ELOOP:
                raise RejectedInput(
                    "a symbolic link loop: replace the link by the file it should name"
                ) from None
            raise RejectedInput(f"a broken symbolic link ({error.strerror}): copy the file in") from None
        if not target.is_relative_to(raw_dir.resolve()):
            raise RejectedInput(f"symbolic link pointing outside the raw folder ({target}); copy the file in")
    if path.is_dir():
        raise RejectedInput("a folder, not a file; put texts directly in the raw folder")
    if not path.is_file():
        raise RejectedInput("not a regular file (broken link, device or socket)")


def raw_size(path: Path) -> int:
    """The bytes a parse of the entry reads at most: what sizes the parse's pool of workers (0 for what
    is not a regular file, the size limit for a larger one)."""
    try:
        return min(path.stat().st_size, settings.max_document_bytes()) if path.is_file() else 0
    except OSError:
        return 0


def read_raw_file(path: Path, raw_dir: Path, limit: int) -> tuple[bytes, str]:
    """The file's bytes and sha256. A file over the size limit is rejected (TooLarge carries its sha256,
    so that a change to it is seen); the rest of it is hashed block by block, never held in memory."""
    check_entry(path, raw_dir)
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
        if len(data) <= limit:
            return data, hashlib.sha256(data).hexdigest()
        digest = hashlib.sha256(data)
        size = len(data)
        del data
        for block in iter(lambda: handle.read(READ_BLOCK), b""):
            digest.update(block)
            size += len(block)
    raise TooLarge(
        f"{size / 2**20:.1f} MB, over the limit of {limit / 2**20:.3g} MB per document "
        f"(${settings.MAX_DOCUMENT_MB_VARIABLE}): split it into smaller texts",
        digest.hexdigest(),
    )


def document_key(source_file: str) -> str:
    """The partition key of a file: its doc_id, with "..." (which Dagster refuses in keys) broken up."""
    key = doc_id_from_name(source_file)
    while "..." in key:
        key = key.replace("...", ".._")
    return key


def files_by_key(raw_dir: Path) -> dict[str, list[Path]]:
    """The folder's files grouped by partition key (usually one file per key), in file-name order."""
    groups: dict[str, list[Path]] = {}
    for path in raw_files(raw_dir):
        groups.setdefault(document_key(path.name), []).append(path)
    return groups


def file_sha256(path: Path, raw_dir: Path) -> str | None:
    """sha256 of the file's bytes; None when it cannot be read (it will be a reject)."""
    try:
        return read_raw_file(path, raw_dir, settings.max_document_bytes())[1]
    except TooLarge as too_large:
        return too_large.sha256
    except (RejectedInput, OSError):
        return None


def input_fingerprint(files: Sequence[tuple[str, str | None]]) -> str:
    """What a partition's results depend on: the sha256 of its one file, or of (name, sha256) of each."""
    if len(files) == 1 and files[0][1] is not None:
        return files[0][1]
    listing = "\n".join(f"{name}\t{sha256 or '-'}" for name, sha256 in sorted(files))
    return hashlib.sha256(listing.encode()).hexdigest()


def raw_listing(raw_dir: Path) -> dict[str, str | None]:
    """Entry name -> sha256 (None when it cannot be read) of every entry of the folder."""
    return {p.name: file_sha256(p, raw_dir) for p in raw_files(raw_dir)}


def raw_fingerprints(raw_dir: Path, listing: dict[str, str | None] | None = None) -> dict[str, str]:
    """Partition key -> input fingerprint of every document in the folder (reads and hashes each file)."""
    listing = raw_listing(raw_dir) if listing is None else listing
    groups: dict[str, list[tuple[str, str | None]]] = {}
    for name, sha256 in listing.items():
        groups.setdefault(document_key(name), []).append((name, sha256))
    return {key: input_fingerprint(files) for key, files in groups.items()}


def raw_inputs(raw_dir: Path) -> dict[str, str]:
    """File name -> sha256 of every readable file: what a release manifest lists as its inputs."""
    return {name: sha256 for name, sha256 in raw_listing(raw_dir).items() if sha256 is not None}


class OverBudget(RejectedInput):
    """A parse that took longer than the per-document budget."""


@contextlib.contextmanager
def parse_budget(seconds: float) -> Iterator[None]:
    """Raise OverBudget in the block once `seconds` have passed (by SIGALRM, so only in a process's main
    thread: the build's own, a pool worker's; a dask worker's task threads go without a budget)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def over(signum, frame):
        raise OverBudget(
            f"its parse took longer than {seconds:g} s (${settings.PARSE_SECONDS_VARIABLE}): split it into "
            "smaller texts, or report the file if it is small"
        )

    previous = signal.signal(signal.SIGALRM, over)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def parse_file(
    path: Path, raw_dir: Path, max_bytes: int | None = None, budget: float | None = None
) -> ParsedFile:
    sha256 = None
    limit = settings.max_document_bytes() if max_bytes is None else max_bytes  # a bad setting is an error
    seconds = settings.parse_seconds() if budget is None else budget
    try:
        data, sha256 = read_raw_file(path, raw_dir, limit)
        with parse_budget(seconds):
            document = parse_document(path.name, data)
        return ParsedFile(path.name, sha256, document=document)
    except TooLarge as too_large:
        return ParsedFile(path.name, too_large.sha256, reason=str(too_large))
    except RejectedInput as reason:
        return ParsedFile(path.name, sha256, reason=str(reason))
    except (OSError, UnicodeError, ValueError) as error:  # an unreadable file must not stop the build
        return ParsedFile(path.name, sha256, reason=f"could not be read: {error}")


def parse_files(
    key: str, paths: Sequence[Path], raw_dir: Path, max_bytes: int | None = None
) -> DocumentParse:
    """Parse the files of one partition: the first that is a document owns the doc_id, later ones are
    rejected (their names sanitize to the same doc_id)."""
    parsed: list[ParsedFile] = []
    owner: ParsedFile | None = None
    for path in sorted(paths, key=lambda p: p.name):
        result = parse_file(path, raw_dir, max_bytes)
        if result.document is not None:
            if owner is None:
                owner = result
            else:
                assert owner.document is not None
                result = ParsedFile(
                    result.source_file,
                    result.sha256,
                    reason=(
                        f"its name gives the same doc_id ({result.document.doc_id}) as {owner.source_file}; "
                        "rename one of the two files"
                    ),
                )
        parsed.append(result)
    fingerprint = input_fingerprint([(f.source_file, f.sha256) for f in parsed])
    return DocumentParse(key=key, input_sha256=fingerprint, files=tuple(parsed))


def assemble_corpus(parses: Iterable[DocumentParse]) -> tuple[list[ParsedDocument], list[Reject]]:
    """Documents and rejects of the whole folder, in file-name order; a file with the same content as
    an earlier published one (by name) is a reject; a copy of a rejected file keeps its own reason."""
    documents: list[ParsedDocument] = []
    rejects: list[Reject] = []
    published_with_hash: dict[str, str] = {}
    files = sorted((f for p in parses for f in p.files), key=lambda f: f.source_file)
    for f in files:
        if f.sha256 is not None and f.sha256 in published_with_hash:
            reason = f"same content as {published_with_hash[f.sha256]}; published once under that name"
            rejects.append(Reject(f.source_file, f.sha256, reason))
            continue
        if f.document is not None:
            if f.sha256 is not None:
                published_with_hash[f.sha256] = f.source_file
            documents.append(f.document)
        else:
            rejects.append(Reject(f.source_file, f.sha256, f.reason or "not a document"))
    return documents, rejects


def parse_raw_folder(
    raw_dir: Path, max_bytes: int | None = None
) -> tuple[list[ParsedDocument], list[Reject]]:
    parses = [parse_files(key, paths, raw_dir, max_bytes) for key, paths in files_by_key(raw_dir).items()]
    return assemble_corpus(parses)
