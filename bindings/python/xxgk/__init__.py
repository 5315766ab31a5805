"""xxgk: read, write and check 政府信息公开工作年度报告 (国办公开办函〔2021〕30号) through the xxgk C library.

    >>> import xxgk
    >>> for d in xxgk.check("examples/faults/balance.json", language="en"):
    ...     print(d.rule, d.pointer, d.message)

``check`` takes a dict, JSON text, a path or a ``Report``; options are keyword arguments:
``language`` ("zh" or "en"), ``disabled`` (rule ids), ``severity`` ({rule id: "error"|"warning"|"info"}),
``fee_unit_threshold`` (万元, a number or decimal text). Errors are ``xxgk.Error`` subclasses.
Handles are released deterministically (``with xxgk.Report.load(...) as r:``); the library releases the GIL
during calls, and distinct reports may be checked from many threads at once.
"""

from __future__ import annotations

import json as _json
import os
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterable, Mapping, Union

from . import _ffi
from ._errors import (DamagedDocument, DocumentTooLarge, EncryptedDocument, Error, FileError, InternalError,
                      InvalidArgument, InvalidJson, LibraryNotFound, NotAReport, OutOfMemory, ParseError, RangeError,
                      ScannedDocument, UnknownRule, UnsupportedFormat, VersionError)

__all__ = [
    "Report", "Diagnostic", "SourcePosition", "Rule", "BatchItem", "check", "check_many", "check_jsonl", "rules", "rule",
    "rules_json", "write_workbook", "library_version", "Error", "InvalidArgument", "ParseError", "FileError",
    "OutOfMemory", "RangeError", "UnknownRule", "VersionError", "InternalError", "LibraryNotFound", "NotAReport",
    "DamagedDocument", "EncryptedDocument", "ScannedDocument", "DocumentTooLarge", "UnsupportedFormat", "InvalidJson",
    "FORMATS", "SEVERITIES",
]

#: The version of xxgk: the loaded C library's (``xxgk_version``), which is also this package's.
__version__ = _ffi.library_version()[3]

SEVERITIES = ("error", "warning", "info")
_STATUSES = ("fail", "not_assessable")
_LANGUAGES = ("zh", "en")
_SCOPES = ("tables", "document", "across_years", "publication")
#: Input formats, in the C enumeration's order ("auto" sniffs the content, then the file extension).
FORMATS = ("auto", "json", "text", "markdown", "html", "docx", "pdf", "layout", "doc", "rtf", "odt")

Source = Union["Report", Mapping[str, Any], str, bytes, os.PathLike]


@dataclass(frozen=True)
class SourcePosition:
    """Where a value stood in the source document; 0 means unknown (line/column/page for text formats,
    table/row/cell for HTML and DOCX)."""
    line: int = 0
    column: int = 0
    page: int = 0
    table: int = 0
    row: int = 0
    cell: int = 0

    def __bool__(self) -> bool:
        return bool(self.line or self.table)


@dataclass(frozen=True)
class Diagnostic:
    """One finding. ``left = right + difference`` where arithmetic is involved (exact decimals)."""
    rule: str
    severity: str
    status: str
    pointer: str
    message: str
    pointers: tuple[str, ...] = ()
    table: str = ""
    row: str = ""
    column: str = ""
    left: Decimal | None = None
    right: Decimal | None = None
    difference: Decimal | None = None
    text: str | None = None
    source: SourcePosition = field(default_factory=SourcePosition)

    @classmethod
    def from_json(cls, o: Mapping[str, Any]) -> "Diagnostic":
        """From the JSON the library writes (``xxgk check --json``, ``check_jsonl``)."""
        labels = o.get("labels", {})
        num = (lambda k: Decimal(o[k]) if k in o else None)
        return cls(rule=o["rule"], severity=o["severity"], status=o["status"], pointer=o["pointer"],
                   message=o["message"], pointers=tuple(o.get("pointers", ())), table=labels.get("table", ""),
                   row=labels.get("row", ""), column=labels.get("column", ""), left=num("left"), right=num("right"),
                   difference=num("difference"), text=o.get("text"), source=SourcePosition(**o.get("source", {})))


@dataclass(frozen=True)
class Rule:
    """A catalogue entry."""
    id: str
    severity: str
    scope: str
    title_zh: str
    title_en: str
    message_zh: str
    message_en: str
    rationale_en: str
    rationale_zh: str

    @property
    def rationale(self) -> str:
        """The English rationale (``rationale_en``); ``rationale_zh`` is the Chinese."""
        return self.rationale_en


@dataclass(frozen=True)
class BatchItem:
    """One report of a batch: its 0-based position in the input, and its findings or why it could not be read."""
    index: int
    diagnostics: list[Diagnostic]
    error: str | None = None
    pointer: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None


def _format_code(format: str) -> int:
    try:
        return FORMATS.index(format)
    except ValueError:
        raise InvalidArgument(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}",
                              "XXGK_E_INVALID_ARGUMENT") from None


def _looks_like_json(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n").startswith("{")


class _Owned:
    """Owns one C handle (``_handle``), released by ``close()``, at the end of a ``with`` block, or at the latest
    when garbage-collected."""
    _handle = None

    @staticmethod
    def _free(handle) -> None:
        raise NotImplementedError

    def close(self) -> None:
        if self._handle:
            self._free(self._handle)
        self._handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self):
        self.close()


class Report(_Owned):
    """A report read by the library. Immutable; close it (or use ``with``) to release it at once."""
    _free = staticmethod(_ffi.report_free)

    def __init__(self, _handle):
        if not isinstance(_handle, _ffi.ReportPtr) or not _handle:
            raise TypeError("use Report.load, Report.from_json, Report.from_file or Report.from_document")
        self._handle = _handle

    @classmethod
    def load(cls, source: Source, format: str = "auto") -> "Report":
        """From a dict (canonical JSON data), JSON text, a path (str or os.PathLike) or a document's bytes."""
        if isinstance(source, Report):
            return cls.from_json(source.to_json())
        if isinstance(source, Mapping):
            return cls.from_json(_json.dumps(source, ensure_ascii=False))
        if isinstance(source, (bytes, bytearray, memoryview)):
            return cls.from_document(bytes(source), format)
        if isinstance(source, str) and _looks_like_json(source):
            return cls.from_json(source)
        if isinstance(source, (str, os.PathLike)):
            return cls.from_file(source, format)
        raise TypeError(f"cannot read a report from {type(source).__name__}")

    @classmethod
    def from_json(cls, text: str | bytes) -> "Report":
        """From canonical JSON text; ``ParseError`` names the JSON Pointer or line/column of the problem."""
        data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
        return cls(_ffi.new_report("json", data))

    @classmethod
    def from_document(cls, data: bytes, format: str = "auto") -> "Report":
        """From a document's bytes in any format the library reads."""
        return cls(_ffi.new_report("document", bytes(data), _format_code(format)))

    @classmethod
    def from_file(cls, path: str | os.PathLike, format: str = "auto") -> "Report":
        """From a file; ``FileError`` when it cannot be read."""
        return cls(_ffi.new_report("file", os.fspath(path), _format_code(format)))

    def _live(self):
        if not self._handle:
            raise InvalidArgument("the report is closed", "XXGK_E_INVALID_ARGUMENT")
        return self._handle

    @property
    def format(self) -> str:
        """The format it was read from ("json", "html", …)."""
        return FORMATS[_ffi.get_report_format(self._live())]

    def to_json(self, pretty: bool = False, positions: bool = False) -> str:
        """Canonical JSON; ``positions`` adds the source position of every cell read from a document."""
        flags = (_ffi.JSON_PRETTY if pretty else 0) | (_ffi.JSON_POSITIONS if positions else 0)
        return _ffi.report_json(self._live(), flags)

    def to_dict(self, positions: bool = False) -> dict:
        """Canonical JSON as Python data."""
        return _json.loads(self.to_json(positions=positions))

    def check(self, **options) -> list[Diagnostic]:
        """The findings of the reading and of the table rules (see ``xxgk.check`` for the options)."""
        with _Options(**options) as o:
            return [_diagnostic(d) for d in _ffi.run_check(self._live(), o._handle)]

    def check_pair(self, previous: "Report", **options) -> list[Diagnostic]:
        """The cross-year findings (xy.carry_over, xy.in_force, xy.duplicate) of this report against the same
        agency's report of the year before (options as for ``xxgk.check``)."""
        with _Options(**options) as o:
            return [_diagnostic(d) for d in _ffi.run_check_pair(self._live(), previous._live(), o._handle)]

    def __repr__(self) -> str:
        return f"<xxgk.Report format={self.format}>" if self._handle else "<xxgk.Report closed>"


class _Options(_Owned):
    """Compiled check options (a C handle), from keyword arguments."""
    _free = staticmethod(_ffi.options_free)

    def __init__(self, language: str = "zh", disabled: Iterable[str] = (), severity: Mapping[str, str] | None = None,
                 fee_unit_threshold: int | float | str | Decimal | None = None):
        if language not in _LANGUAGES:
            raise InvalidArgument(f"unknown language {language!r}; expected 'zh' or 'en'", "XXGK_E_INVALID_ARGUMENT")
        overrides = []
        for rule_id, level in (severity or {}).items():
            if level not in SEVERITIES:
                raise InvalidArgument(f"unknown severity {level!r} for {rule_id}; expected one of {SEVERITIES}",
                                      "XXGK_E_INVALID_ARGUMENT")
            overrides.append((rule_id, SEVERITIES.index(level)))
        if isinstance(disabled, str):
            disabled = [disabled]
        threshold = None if fee_unit_threshold is None else str(fee_unit_threshold)
        self._handle = _ffi.new_options(_LANGUAGES.index(language), list(disabled), overrides, threshold)



def _diagnostic(d: dict) -> Diagnostic:
    num = (lambda v: Decimal(v) if v is not None else None)
    return Diagnostic(rule=d["rule"], severity=SEVERITIES[d["severity"]], status=_STATUSES[d["status"]],
                      pointer=d["pointer"], message=d["message"], pointers=tuple(d["pointers"]), table=d["table"],
                      row=d["row"], column=d["column"], left=num(d["left"]), right=num(d["right"]),
                      difference=num(d["difference"]), text=d["text"], source=SourcePosition(**d["source"]))


def check(report: Source, *, format: str = "auto", **options) -> list[Diagnostic]:
    """Reads ``report`` (a ``Report``, a dict, JSON text, a path, or a document's bytes) and returns its findings.

    Options: ``language`` ("zh"|"en"), ``disabled`` (rule ids), ``severity`` ({rule id: severity}),
    ``fee_unit_threshold`` (万元)."""
    if isinstance(report, Report):
        return report.check(**options)
    with Report.load(report, format) as r:
        return r.check(**options)


def _jsonl_line(report: Source) -> str:
    if isinstance(report, Report):
        return report.to_json()
    if isinstance(report, Mapping):
        return _json.dumps(report, ensure_ascii=False, separators=(",", ":"))
    if isinstance(report, str) and _looks_like_json(report):
        # One report per line: re-serialise, so a pretty-printed document stays on one line.
        try:
            return _json.dumps(_json.loads(report), ensure_ascii=False, separators=(",", ":"))
        except ValueError:
            return report.replace("\r", " ").replace("\n", " ")
    with Report.load(report) as r:
        return r.to_json()


def check_jsonl(text: str, **options) -> str:
    """The batch call as is: JSON Lines of reports in, JSON Lines of findings out (see xxgk.h)."""
    with _Options(**options) as o:
        return _ffi.jsonl(text.encode("utf-8"), o._handle)


def check_many(reports: Iterable[Source], **options) -> list[BatchItem]:
    """Checks many reports in one library call (JSON Lines underneath); a report that cannot be read gives a
    ``BatchItem`` with ``error`` set instead of raising. Paths and bytes are read first, one by one; a file that
    cannot be read at all raises."""
    lines = [_jsonl_line(r) for r in reports]
    if not lines:
        return []
    out = check_jsonl("\n".join(lines) + "\n", **options)
    items = []
    for line in out.splitlines():
        o = _json.loads(line)
        index = o["line"] - 1
        if "error" in o:
            items.append(BatchItem(index, [], o["error"], o.get("pointer", "")))
        else:
            items.append(BatchItem(index, [Diagnostic.from_json(d) for d in o["diagnostics"]]))
    return items


def rules() -> list[Rule]:
    """The rule catalogue, in order."""
    return [Rule(id=r["id"], severity=SEVERITIES[r["severity"]], scope=_SCOPES[r["scope"]], title_zh=r["title_zh"],
                 title_en=r["title_en"], message_zh=r["message_zh"], message_en=r["message_en"],
                 rationale_en=r["rationale_en"], rationale_zh=r["rationale_zh"]) for r in _ffi.catalogue()]


def rules_json(pretty: bool = False) -> str:
    """The rule catalogue as the library's JSON."""
    return _ffi.catalogue_json(pretty)


def rule(rule_id: str) -> Rule:
    """One catalogue entry by id; ``UnknownRule`` if there is none."""
    return rules()[_ffi.find_rule_index(rule_id)]


def write_workbook(path: str | os.PathLike, check_output: Mapping[str, Any] | str | bytes, *,
                   language: str = "zh") -> None:
    """Writes ``check_output`` — the document ``xxgk check --format json`` prints (a dict, or its JSON text):
    ``{"files": [{"file", "agency", "year", "diagnostics", ...}], "statistics": {...}}`` — as an Excel workbook
    at ``path``: sheets 问题清单, 报告一览 and 规则 (English ones with ``language="en"``). ``ParseError`` when it
    is not such a document, ``FileError`` when the file cannot be written."""
    if language not in _LANGUAGES:
        raise InvalidArgument(f"unknown language {language!r}; expected 'zh' or 'en'", "XXGK_E_INVALID_ARGUMENT")
    if isinstance(check_output, str):
        data = check_output.encode("utf-8")
    elif isinstance(check_output, bytes):
        data = check_output
    else:
        data = _json.dumps(check_output, ensure_ascii=False).encode("utf-8")
    _ffi.write_workbook(data, len(data), os.fsencode(path), _LANGUAGES.index(language))


def library_version() -> str:
    """The loaded C library's version (like "1.2.3"); the same as ``__version__``."""
    return _ffi.library_version()[3]
