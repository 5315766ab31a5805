"""xxgk: read, write and check 政府信息公开工作年度报告 (国办公开办函〔2021〕30号) through the xxgk C library.

    >>> import xxgk
    >>> for d in xxgk.check("examples/faults/balance.json", language="en"):
    ...     print(d.rule, d.pointer, d.message)

``check`` takes a dict, JSON text, a path or a ``Report`` (and, like ``xxgk check``, last year's report as
``previous`` and the children's as ``children``); options are keyword arguments: ``language`` ("zh" or "en"),
``disabled`` (rule ids), ``severity`` ({rule id: "error"|"warning"|"info"}), ``fee_unit_threshold`` (万元, a number
or decimal text), ``deadlines`` ({agency kind: "MM-DD"}), ``require_date``, ``similarity`` (0..1) and
``parent_includes_own``. ``render`` writes what ``xxgk render`` does. Errors are ``xxgk.Error`` subclasses.
Handles are released deterministically (``with xxgk.Report.load(...) as r:``); the library releases the GIL
during calls, and distinct reports may be checked from many threads at once.
"""

from __future__ import annotations

import contextlib
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
    "Report", "Diagnostic", "SourcePosition", "Rule", "BatchItem", "check", "check_many", "check_batch", "check_batch_jsonl",
    "check_jsonl", "aggregate",
    "indicators", "rules", "rule", "rules_json", "write_workbook", "library_version", "Error", "InvalidArgument",
    "ParseError", "FileError", "OutOfMemory", "RangeError", "UnknownRule", "VersionError", "InternalError",
    "LibraryNotFound", "NotAReport", "DamagedDocument", "EncryptedDocument", "ScannedDocument", "DocumentTooLarge",
    "UnsupportedFormat", "InvalidJson", "FORMATS", "SEVERITIES",
]

#: The version of xxgk: the loaded C library's (``xxgk_version``), which is also this package's.
__version__ = _ffi.library_version()[3]

SEVERITIES = ("error", "warning", "info")
_STATUSES = ("fail", "not_assessable")
_LANGUAGES = ("zh", "en")
_SCOPES = ("tables", "document", "across_years", "publication")
#: Input formats, in the C enumeration's order ("auto" sniffs the content, then the file extension).
FORMATS = ("auto", "json", "text", "markdown", "html", "docx", "pdf", "layout", "doc", "rtf", "odt", "image")
#: Agency kinds, whose publication deadlines differ (the keys of the ``deadlines`` option).
AGENCY_KINDS = ("department", "government", "township", "other")
#: The formats of ``render``.
RENDER_FORMATS = ("html", "markdown", "text")

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

    def check(self, previous: "Report | None" = None, children: Iterable["Report"] = (), **options) -> list[Diagnostic]:
        """Every finding, as ``xxgk check`` gives them: the reading's, the table and publication rules', and with
        ``previous`` (last year's report) or ``children`` (the child agencies' reports of the year) the cross-year
        and hierarchy rules' (see ``xxgk.check`` for the options)."""
        with _Options(**options) as o:
            return [_diagnostic(d) for d in _ffi.findings_of(self._checked(previous, children, o))]

    def _checked(self, previous, children, options: "_Options"):
        kids = [c._live() for c in children]
        return _ffi.new_result_with(self._live(), previous._live() if previous is not None else None, kids,
                                    options._handle)

    def render(self, format: str = "html", check: bool = False, source_name: str | None = None,
               previous: "Report | None" = None, children: Iterable["Report"] = (), **options) -> str:
        """What ``xxgk render`` writes: the three tables in the official layout (``format`` "html", "markdown" or
        "text"); with ``check``, the findings too (HTML: every faulty cell highlighted and linked to its findings).
        The check options are those of ``xxgk.check``; ``language`` also chooses the surrounding words."""
        if format not in RENDER_FORMATS:
            raise InvalidArgument(f"unknown render format {format!r}; expected one of {', '.join(RENDER_FORMATS)}",
                                  "XXGK_E_INVALID_ARGUMENT")
        with _Options(**options) as o:
            result = self._checked(previous, children, o) if check else None
            try:
                return _ffi.render_report(self._live(), result, RENDER_FORMATS.index(format), o.language, source_name)
            finally:
                if result:
                    _ffi.result_free(result)

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
                 fee_unit_threshold: int | float | str | Decimal | None = None, deadlines: Mapping[str, str] | None = None,
                 require_date: bool = False, similarity: int | float | str | Decimal | None = None,
                 parent_includes_own: bool = False):
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
        days = []
        for kind, day in (deadlines or {}).items():
            parts = str(day).split("-")
            if kind not in AGENCY_KINDS or len(parts) != 2 or not all(p.isdigit() and len(p) == 2 for p in parts):
                raise InvalidArgument(f"deadlines takes {{kind: 'MM-DD'}} with kind one of {', '.join(AGENCY_KINDS)}, "
                                      f"not {kind!r}: {day!r}", "XXGK_E_INVALID_ARGUMENT")
            days.append((AGENCY_KINDS.index(kind), int(parts[0]), int(parts[1])))
        self.language = _LANGUAGES.index(language)
        self._handle = _ffi.new_options(self.language, list(disabled), overrides, threshold, days, require_date,
                                        None if similarity is None else str(similarity), parent_includes_own)



def _diagnostic(d: dict) -> Diagnostic:
    num = (lambda v: Decimal(v) if v is not None else None)
    return Diagnostic(rule=d["rule"], severity=SEVERITIES[d["severity"]], status=_STATUSES[d["status"]],
                      pointer=d["pointer"], message=d["message"], pointers=tuple(d["pointers"]), table=d["table"],
                      row=d["row"], column=d["column"], left=num(d["left"]), right=num(d["right"]),
                      difference=num(d["difference"]), text=d["text"], source=SourcePosition(**d["source"]))


class _Loaded:
    """Reports read for one call (sources that are not ``Report``s yet), closed when the call ends."""

    def __init__(self):
        self._opened: list[Report] = []

    def __call__(self, source: Source, format: str = "auto") -> Report:
        if isinstance(source, Report):
            return source
        r = Report.load(source, format)
        self._opened.append(r)
        return r

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        for r in self._opened:
            r.close()


def check(report: Source, *, format: str = "auto", previous: Source | None = None, children: Iterable[Source] = (),
          **options) -> list[Diagnostic]:
    """Reads ``report`` (a ``Report``, a dict, JSON text, a path, or a document's bytes) and returns every finding,
    as ``xxgk check`` does; ``previous`` (last year's report of the agency) adds the cross-year rules, ``children``
    (the reports of its child agencies for the same year) the hierarchy rule.

    Options: ``language`` ("zh"|"en"), ``disabled`` (rule ids), ``severity`` ({rule id: severity}),
    ``fee_unit_threshold`` (万元), ``deadlines`` ({"township": "02-28", …}), ``require_date``, ``similarity`` (0..1),
    ``parent_includes_own``."""
    with _Loaded() as load:
        return load(report, format).check(load(previous) if previous is not None else None,
                                          [load(c) for c in children], **options)


def render(report: Source, format: str = "html", *, check: bool = False, input_format: str = "auto",
           previous: Source | None = None, children: Iterable[Source] = (), **options) -> str:
    """What ``xxgk render`` writes of a report (see ``Report.render``)."""
    with _Loaded() as load:
        return load(report, input_format).render(format, check, None, load(previous) if previous is not None else None,
                                                 [load(c) for c in children], **options)


def check_jsonl(text: str, **options) -> str:
    """The batch call as is: JSON Lines of reports in, JSON Lines of findings out (see xxgk.h)."""
    with _Options(**options) as o:
        return _ffi.jsonl(text.encode("utf-8"), o._handle)


#: Reports a ``check_batch`` call hands the library at once: the output of one call stays a few megabytes.
_BATCH_CHUNK = 1024


def _batch_source(source: Source, format: str) -> tuple[int, bytes | None, bytes | None]:
    """(format code, encoded path, document bytes) of one source of a batch: canonical JSON (a dict or JSON text)
    is read as JSON, bytes as a document in ``format``, anything else is a path to a file."""
    if isinstance(source, Mapping):
        return 1, None, _json.dumps(source, ensure_ascii=False).encode("utf-8")
    if isinstance(source, (bytes, bytearray, memoryview)):
        return _format_code(format), None, bytes(source)
    if isinstance(source, str) and _looks_like_json(source):
        return 1, None, source.encode("utf-8")
    if isinstance(source, (str, os.PathLike)):
        return _format_code(format), os.fsencode(source), None
    if isinstance(source, Report):
        raise TypeError("check_batch takes paths, bytes, JSON text or dicts; check a Report with check_many or "
                        "Report.check")
    raise TypeError(f"cannot read a report from {type(source).__name__}")


def _batch_lines(sources: Iterable[Source], format: str, threads: int, options: "_Options"):
    """The library's output line of each source (JSON text), in order, through one C call per chunk of sources
    and per input format; "index" in a line counts within its call."""
    sources = list(sources)
    for start in range(0, len(sources), _BATCH_CHUNK):
        chunk = [_batch_source(s, format) for s in sources[start:start + _BATCH_CHUNK]]
        lines: list[str | None] = [None] * len(chunk)
        for code in sorted({c for c, _, _ in chunk}):
            at = [i for i, (c, _, _) in enumerate(chunk) if c == code]
            documents = [chunk[i][2] for i in at]
            text = _ffi.batch([chunk[i][1] for i in at], documents if any(d is not None for d in documents) else None,
                              code, threads, options._handle)
            for i, line in zip(at, text.splitlines()):
                lines[i] = line
        yield from lines


def check_batch(sources: Iterable[Source], *, format: str = "auto", threads: int = 1, **options) -> list[dict]:
    """Checks many reports — paths, documents' bytes, JSON text or dicts — each alone, as ``xxgk check FILE`` does,
    in one library call per 1,024 reports on ``threads`` threads (0: one per core), and returns one dict per report,
    in order, as the library writes it (``xxgk_check_batch``): ``{"index", "file", "agency", "year",
    "diagnostics": [finding as in ``xxgk check --format json``], "summary": {"error", "warning", "info"}}``, or
    ``{"index", "file", "error", "code", "reason", "pointer"}`` for a report that cannot be read ("file" only for
    paths). The findings stay JSON data: no ``Diagnostic`` object is made (``Diagnostic.from_json`` makes one)."""
    with _Options(**options) as o:
        items = []
        for index, line in enumerate(_batch_lines(sources, format, threads, o)):
            item = _json.loads(line)
            item["index"] = index
            items.append(item)
        return items


def check_batch_jsonl(sources: Iterable[Source], *, format: str = "auto", threads: int = 1, **options) -> str:
    """``check_batch``'s result as the library's JSON Lines text, one line per report (unparsed)."""
    with _Options(**options) as o:
        out = []
        for index, line in enumerate(_batch_lines(sources, format, threads, o)):
            out.append(f'{{"index":{index},' + line[line.index(",") + 1:])
        return "\n".join(out) + "\n" if out else ""


def check_many(reports: Iterable[Source], *, format: str = "auto", threads: int = 1, **options) -> list[BatchItem]:
    """Checks many reports with one set of options, each as ``check`` does (documents keep their ``doc.*``
    findings), through the batch call (``check_batch``): a report that cannot be parsed gives a ``BatchItem`` with
    ``error`` (and the JSON Pointer) set instead of raising. A file that cannot be read at all raises
    ``FileError``."""
    reports = list(reports)
    items: list[BatchItem | None] = [None] * len(reports)
    with _Options(**options) as o:
        # A Report was read already: it is checked as it is, with its reading's findings.
        for index, source in enumerate(reports):
            if isinstance(source, Report):
                items[index] = BatchItem(index, [_diagnostic(d) for d in _ffi.findings_of(source._checked(None, (), o))])
        rest = [i for i, s in enumerate(reports) if not isinstance(s, Report)]
        for index, line in zip(rest, _batch_lines([reports[i] for i in rest], format, threads, o)):
            item = _json.loads(line)
            if "error" not in item:
                items[index] = BatchItem(index, [Diagnostic.from_json(d) for d in item["diagnostics"]])
            elif item["code"] == "XXGK_E_IO":
                raise FileError(item["error"], item["code"])
            else:
                items[index] = BatchItem(index, [], item["error"], item.get("pointer", ""))
    return items


def _report_dict(report: Source) -> dict:
    if isinstance(report, Report):
        return report.to_dict()
    if isinstance(report, Mapping):
        return dict(report)
    with Report.load(report) as r:
        return r.to_dict()


def aggregate(reports: Mapping[str, Source] | Iterable[Source], units: Iterable[Mapping[str, Any]] = (), *,
              year: int | None = None, unit_files: Mapping[str, str] | None = None,
              deadlines: Mapping[str, str] | None = None, **options) -> dict:
    """An office's year (the document ``xxgk aggregate`` prints, see docs/batch.md): the roster of ``units``
    (dicts ``{"unit", "kind", "parent", "own"}``), each parent's 汇总 with the cells its own report differs in,
    and the indicators of every report and 汇总 with last year's.

    ``reports`` maps file names to reports (a ``Report``, a dict, JSON text or a path), or is a list of them
    (named by their position). ``unit_files`` maps file names to units; ``deadlines`` maps agency kinds to
    ``"MM-DD"``; ``year`` is the data year (default: the latest). Options as for ``xxgk.check``."""
    named = reports.items() if isinstance(reports, Mapping) else ((f"#{i}", r) for i, r in enumerate(reports))
    request = {"reports": [{"file": str(name), "report": _report_dict(r)} for name, r in named],
               "units": [dict(u) for u in units],
               "unit_files": [{"file": f, "unit": u} for f, u in (unit_files or {}).items()]}
    if year is not None:
        request["year"] = year
    if deadlines:
        request["deadlines"] = dict(deadlines)
    with _Options(**options) as o:
        return _json.loads(_ffi.office_json(_json.dumps(request, ensure_ascii=False).encode("utf-8"), o._handle))


def _opened(source: Source):
    """A ``with`` over a report: the caller's ``Report`` stays open, one read here is closed after."""
    return contextlib.nullcontext(source) if isinstance(source, Report) else Report.load(source)


def indicators(report: Source, previous: Source | None = None) -> dict:
    """The indicators of one report (docs/indicators.md), with last year's values from ``previous``."""
    with _opened(report) as now:
        if previous is None:
            return _json.loads(_ffi.report_indicators(now._live(), None))
        with _opened(previous) as before:
            return _json.loads(_ffi.report_indicators(now._live(), before._live()))


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


def _json_bytes(document: Mapping[str, Any] | str | bytes) -> bytes:
    if isinstance(document, str):
        return document.encode("utf-8")
    if isinstance(document, bytes):
        return document
    return _json.dumps(document, ensure_ascii=False).encode("utf-8")


def write_workbook(path: str | os.PathLike, check_output: Mapping[str, Any] | str | bytes, *,
                   office: Mapping[str, Any] | str | bytes | None = None, language: str = "zh") -> None:
    """Writes ``check_output`` — the document ``xxgk check --format json`` prints (a dict, or its JSON text):
    ``{"files": [{"file", "agency", "year", "diagnostics", ...}], "statistics": {...}}`` — as an Excel workbook
    at ``path``: sheets 问题清单, 报告一览 and 规则 (English ones with ``language="en"``). With ``office``, the
    document ``xxgk aggregate`` prints, also 名单, 汇总 and 指标. ``ParseError`` when a document is not of its
    kind, ``FileError`` when the file cannot be written."""
    if language not in _LANGUAGES:
        raise InvalidArgument(f"unknown language {language!r}; expected 'zh' or 'en'", "XXGK_E_INVALID_ARGUMENT")
    data = _json_bytes(check_output)
    if office is None:
        _ffi.write_workbook(data, len(data), os.fsencode(path), _LANGUAGES.index(language))
    else:
        year = _json_bytes(office)
        _ffi.write_office_workbook(data, len(data), year, len(year), os.fsencode(path), _LANGUAGES.index(language))


def library_version() -> str:
    """The loaded C library's version (like "1.2.3"); the same as ``__version__``."""
    return _ffi.library_version()[3]
