"""Many files at once: a zip, a folder or a list of files read into a per-file report, each document's
title matched to the organisation's positions, and then, once a person has confirmed the matches,
one draft per file.

`read_batch()` writes nothing: it returns a `FileReport` per file (the title found, the matched
position with its confidence and the alternatives, the sections and clause counts, what was left out
and why, or the error). `create_drafts()` takes the confirmed matches and starts the drafts through
the draft-starting service it is given. Both report progress through an optional callback
`progress(done, total, name)`.
"""

import io
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path, PurePosixPath

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jobdesc.grammar.inflect import CASES, morph

from . import main_document
from .documents import UNCLASSIFIED, Document
from .errors import ImporterError
from .parser import parse_paragraphs
from .readers import MAX_BYTES, check_size, paragraphs_of

MAX_FILES = 200
MAX_TOTAL_BYTES = 100 * 1024 * 1024
SUFFIXES = {".txt", ".text", ".md", ".docx", ".odt", ".rtf", ".html", ".htm", ".xhtml", ".doc"}
# A match at least this sure is taken without a person confirming it (the command's default).
CONFIDENT = 0.85
WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

Progress = Callable[[int, int, str], None]


@dataclass
class Match:
    position_id: int
    title: str
    confidence: float
    how: str

    def as_dict(self) -> dict:
        return {"position": self.position_id, "title": self.title, "confidence": self.confidence, "how": self.how}


@dataclass
class FileReport:
    name: str
    title: str = ""
    language: str = ""
    sections: list[tuple[str, str, int]] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    error: str = ""
    match: Match | None = None
    alternatives: list[Match] = field(default_factory=list)
    document: Document | None = None

    @property
    def clauses(self) -> int:
        return sum(count for _kind, _heading, count in self.sections)

    def as_dict(self) -> dict:
        return {
            "file": self.name,
            "title": self.title,
            "language": self.language,
            "sections": [{"kind": k, "heading": h, "clauses": n} for k, h, n in self.sections],
            "clauses": self.clauses,
            "left_out": self.left_out,
            "error": self.error,
            "match": self.match.as_dict() if self.match else None,
            "alternatives": [alternative.as_dict() for alternative in self.alternatives],
        }


def files_of(source) -> list[tuple[str, bytes | None, str]]:
    """(name, content, error) for every file of a zip's path or bytes, a folder, or a list of paths or
    (name, bytes) pairs; a file that cannot be taken carries its error instead of its content."""
    if isinstance(source, bytes | bytearray):
        return _zip_files("archive.zip", bytes(source))
    if isinstance(source, str | Path):
        path = Path(source)
        if path.is_dir():
            found = sorted(child for child in path.rglob("*") if child.is_file() and not _hidden(child.name))
            return _limited([(str(child.relative_to(path)), child) for child in found])
        if path.is_file() and path.suffix.lower() == ".zip":
            if path.stat().st_size > MAX_TOTAL_BYTES:
                raise ImporterError(_("%(name)s is too large.") % {"name": path.name})
            return _zip_files(path.name, path.read_bytes())
        raise ImporterError(_("%(name)s: no such folder or zip archive.") % {"name": path.name})
    entries = []
    for entry in source:
        if isinstance(entry, tuple):
            entries.append(entry)
        else:
            entries.append((Path(entry).name, Path(entry)))
    return _limited(entries)


def _hidden(name: str) -> bool:
    return name.startswith((".", "~$", "__MACOSX"))


def _limited(entries: list[tuple[str, object]]) -> list[tuple[str, bytes | None, str]]:
    if len(entries) > MAX_FILES:
        raise ImporterError(
            _("There are %(count)d files; at most %(limit)d can be imported at once.")
            % {"count": len(entries), "limit": MAX_FILES}
        )
    result = []
    for name, content in entries:
        if isinstance(content, Path):
            size = content.stat().st_size
            if size > MAX_BYTES or size == 0:
                result.append((name, None, _size_error(name, size)))
                continue
            content = content.read_bytes()
        result.append((name, content, ""))
    return result


def _size_error(name: str, size: int) -> str:
    try:
        check_size(name, size)
    except ImporterError as error:
        return str(error)
    return ""


def _open_archive(name: str, data: bytes) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    """The archive and its files to read, or an error when it is no zip, holds too many files or unpacks too big.

    Only the archive's directory is read here, so a zip bomb is refused before anything is unpacked; the
    sizes it declares bound what is read later (zipfile never reads a member past its declared size).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise ImporterError(_("%(name)s is not a valid zip archive.") % {"name": name}) from error
    # «..» is no hidden file: a path that climbs out of the archive is reported and refused, not left out unseen.
    infos = [
        info
        for info in infos
        if not any(_hidden(part) for part in PurePosixPath(info.filename).parts if part not in {".", ".."})
    ]
    if len(infos) > MAX_FILES:
        raise ImporterError(
            _("%(name)s holds %(count)d files; at most %(limit)d can be imported at once.")
            % {"name": name, "count": len(infos), "limit": MAX_FILES}
        )
    if sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
        raise ImporterError(_("%(name)s unpacks to too much data.") % {"name": name})
    if not infos:
        raise ImporterError(_("%(name)s holds no files.") % {"name": name})
    return archive, infos


def check_archive(name: str, data: bytes) -> int:
    """How many files the zip `data` holds, after the checks `read_batch` makes before unpacking anything."""
    return len(_open_archive(name, data)[1])


def _zip_files(name: str, data: bytes) -> list[tuple[str, bytes | None, str]]:
    archive, infos = _open_archive(name, data)
    result = []
    for info in infos:
        member = info.filename.replace("\\", "/")
        path = PurePosixPath(member)
        if path.is_absolute() or ".." in path.parts or re.match(r"^[A-Za-z]:", member):
            result.append((member, None, _("%(name)s: a path outside the archive is refused.") % {"name": member}))
            continue
        if info.file_size > MAX_BYTES or info.file_size == 0:
            result.append((member, None, _size_error(path.name, info.file_size)))
            continue
        try:
            with archive.open(info) as handle:
                content = handle.read(MAX_BYTES + 1)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
            result.append((member, None, _("%(name)s is damaged in the archive.") % {"name": member}))
            continue
        result.append((member, content, ""))
    return result


def read_batch(source, positions: Iterable, *, language: str | None = None, progress: Progress | None = None):
    """A `FileReport` per file of `source`, each matched against `positions`; nothing is written."""
    entries = files_of(source)
    candidates = [_Candidate(position) for position in positions]
    reports = []
    for done, (name, content, error) in enumerate(entries, start=1):
        report = FileReport(name=name, error=error)
        if not error and Path(name).suffix.lower() not in SUFFIXES:
            report.error = _("%(name)s: not a document the importer reads.") % {"name": Path(name).name}
        if not report.error:
            _read(report, content, language, candidates)
        reports.append(report)
        if progress is not None:
            progress(done, len(entries), name)
    return reports


def _read(report: FileReport, content: bytes, language: str | None, candidates: list["_Candidate"]):
    name = Path(report.name).name
    try:
        paragraphs, found_language = paragraphs_of(name, content, language)
        documents = parse_paragraphs(paragraphs, found_language)
        document = main_document(documents, name)
    except ImporterError as error:
        report.error = str(error)
        return
    report.document = document
    report.title, report.language = document.title, document.language
    report.sections = [(section.kind, section.heading, len(section.clauses)) for section in document.sections()]
    others = [other for other in documents if other.sample and other is not document]
    if others:
        report.left_out.append(
            ngettext(
                "%(count)d more job description in the file; only the first is imported.",
                "%(count)d more job descriptions in the file; only the first is imported.",
                len(others),
            )
            % {"count": len(others)}
        )
    prose = sum(len(other.clauses) for other in documents if not other.sample)
    if prose:
        report.left_out.append(
            ngettext(
                "%(count)d list item from the surrounding text, not part of the instruction.",
                "%(count)d list items from the surrounding text, not part of the instruction.",
                prose,
            )
            % {"count": prose}
        )
    for kind, heading, count in report.sections:
        if kind == UNCLASSIFIED:
            report.left_out.append(
                _(
                    "«%(heading)s» (%(count)d clauses): a section of unknown kind; it goes to the final "
                    "provisions unless classified."
                )
                % {"heading": heading, "count": count}
            )
    matches = match_positions(document.title or Path(name).stem.replace("_", " "), candidates)
    if not document.title and matches:
        matches = [Match(m.position_id, m.title, round(m.confidence * 0.8, 2), m.how + "+file") for m in matches]
    report.match = matches[0] if matches else None
    report.alternatives = matches[1:4]


class _Candidate:
    def __init__(self, position):
        self.id = position.pk
        self.title = position.title
        self.key = _key(position.title)
        self.lemmas = _lemmas(position.title)
        self.forms = {_key(position.form(case)) for case in CASES}


def _key(text: str) -> str:
    return " ".join(WORD_RE.findall(text.lower().replace("ё", "е")))


def _lemmas(text: str) -> tuple[str, ...]:
    analyzer = morph()
    return tuple(analyzer.parse(word)[0].normal_form for word in WORD_RE.findall(text.lower().replace("ё", "е")))


def match_positions(title: str, candidates: list) -> list[Match]:
    """The positions `title` may name, best first, each with its confidence (1 is an exact match).

    Exact title; then the same words in another spelling; a case form of the position's title; the
    same words by their dictionary form; a short name (one title contained in the other); a similar
    title.
    """
    if candidates and not isinstance(candidates[0], _Candidate):
        candidates = [_Candidate(position) for position in candidates]
    if not title.strip():
        return []
    key, lemmas = _key(title), _lemmas(title)
    scored = []
    for candidate in candidates:
        if title.strip().lower() == candidate.title.strip().lower():
            scored.append(Match(candidate.id, candidate.title, 1.0, "exact"))
        elif key == candidate.key:
            scored.append(Match(candidate.id, candidate.title, 0.97, "normalised"))
        elif key in candidate.forms:
            scored.append(Match(candidate.id, candidate.title, 0.93, "inflected"))
        elif lemmas == candidate.lemmas:
            scored.append(Match(candidate.id, candidate.title, 0.9, "inflected"))
        elif _contains(lemmas, candidate.lemmas) or _contains(candidate.lemmas, lemmas):
            shorter = min(len(lemmas), len(candidate.lemmas)) / max(len(lemmas), len(candidate.lemmas))
            scored.append(Match(candidate.id, candidate.title, round(0.5 + 0.3 * shorter, 2), "short name"))
        else:
            ratio = SequenceMatcher(None, " ".join(lemmas), " ".join(candidate.lemmas), autojunk=False).ratio()
            if ratio >= 0.75:
                scored.append(Match(candidate.id, candidate.title, round(ratio * 0.8, 2), "similar"))
    return sorted(scored, key=lambda match: (-match.confidence, match.title))


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    return 0 < len(shorter) < len(longer) and any(
        longer[start : start + len(shorter)] == shorter for start in range(len(longer) - len(shorter) + 1)
    )


@dataclass
class DraftResult:
    name: str
    position_id: int
    version: object = None
    error: str = ""


def create_drafts(
    reports: list[FileReport],
    confirmed: dict[str, int],
    *,
    positions: dict[int, object],
    start_draft,
    errors: tuple[type[Exception], ...] = (),
    user=None,
    kinds: dict[str, dict[str, str]] | None = None,
    progress: Progress | None = None,
) -> list[DraftResult]:
    """One draft per confirmed file: `confirmed` maps a file's name to the position it becomes a draft of.

    `positions` are the organisation's positions by id (a match never reaches outside them);
    `start_draft` is the draft-starting service and `errors` the domain errors it raises; `kinds`
    gives, per file, the kind a person chose for each unclassified section's heading. A file whose
    draft cannot start (the position already has a version in work) carries the error, nothing of it
    is written, and the others go on.
    """

    by_name = {report.name: report for report in reports}
    chosen = [(name, position_id) for name, position_id in confirmed.items() if name in by_name]
    results = []
    for done, (name, position_id) in enumerate(chosen, start=1):
        report = by_name[name]
        result = DraftResult(name=name, position_id=position_id)
        position = positions.get(position_id)
        if position is None:
            result.error = _("%(name)s: that position is not one of the organisation's.") % {"name": name}
        elif report.document is None:
            result.error = report.error or _("%(name)s: nothing to import.") % {"name": name}
        else:
            document = report.document
            try:
                with transaction.atomic():
                    result.version = start_draft(
                        position=position,
                        user=user,
                        language=document.language,
                        sections=document.as_draft_sections((kinds or {}).get(name)),
                    )
            except errors as error:
                result.error = f"{name}: {error}"
        results.append(result)
        if progress is not None:
            progress(done, len(chosen), name)
    return results
