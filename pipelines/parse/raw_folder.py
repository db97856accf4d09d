"""Read the raw folder: every file becomes a parsed document or a reject with a reason, none is lost."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pipelines.parse.document import parse_document
from pipelines.parse.model import ParsedDocument, RejectedInput

IGNORED_NAMES = {"SOURCES.md", "README.md", ".gitkeep", ".DS_Store"}


@dataclass(frozen=True)
class Reject:
    source_file: str
    sha256: str | None
    reason: str


def raw_files(raw_dir: Path) -> list[Path]:
    """Files to read, in a stable order; documentation files of the folder itself are skipped."""
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder {raw_dir} does not exist: create it or pass --raw")
    return sorted(
        (p for p in raw_dir.iterdir() if p.name not in IGNORED_NAMES and not p.name.startswith(".")),
        key=lambda p: p.name,
    )


def read_raw_file(path: Path, raw_dir: Path) -> bytes:
    if path.is_symlink() and not path.resolve().is_relative_to(raw_dir.resolve()):
        raise RejectedInput(
            f"symbolic link pointing outside the raw folder ({path.resolve()}); copy the file in"
        )
    if path.is_dir():
        raise RejectedInput("a folder, not a file; put texts directly in the raw folder")
    if not path.is_file():
        raise RejectedInput("not a regular file (broken link, device or socket)")
    return path.read_bytes()


def parse_raw_folder(raw_dir: Path) -> tuple[list[ParsedDocument], list[Reject]]:
    documents: list[ParsedDocument] = []
    rejects: list[Reject] = []
    first_with_hash: dict[str, str] = {}
    for path in raw_files(raw_dir):
        sha256 = None
        try:
            data = read_raw_file(path, raw_dir)
            sha256 = hashlib.sha256(data).hexdigest()
            if sha256 in first_with_hash:
                raise RejectedInput(
                    f"same content as {first_with_hash[sha256]}; published once under that name"
                )
            first_with_hash[sha256] = path.name
            documents.append(parse_document(path.name, data))
        except RejectedInput as reason:
            rejects.append(Reject(path.name, sha256, str(reason)))
        except (OSError, UnicodeError, ValueError) as error:  # an unreadable file must not stop the build
            rejects.append(Reject(path.name, sha256, f"could not be read: {error}"))
    return documents, rejects
