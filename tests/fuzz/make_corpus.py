#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets from examples/ and tests/samples/.

    python3 tests/fuzz/make_corpus.py OUT_DIR

OUT_DIR/<target>/ gets one file per seed (files already there, e.g. a corpus grown by fuzzing, are kept) (named by its SHA-1, as libFuzzer names inputs), for the targets
json, read_text, read_markdown, read_html, read_docx, read_docx_part (the main document part of each DOCX),
read_layout, read_auto and capi. The layout seed is
`pdftotext -layout` of the PDF sample (skipped when poppler-utils is missing). The capi seeds are the
documents prefixed with the two selector bytes fuzz_capi.cpp reads (entry point, options).
"""
import hashlib
import io
import json
import pathlib
import shutil
import subprocess
import sys
import zipfile

SOURCE = pathlib.Path(__file__).resolve().parents[2]
SAMPLES = SOURCE / "tests" / "samples"

# xxgk_format values of capi/include/xxgk.h, and the two extra entry points of fuzz_capi.cpp.
CAPI_ENTRY = {"text": 2, "markdown": 3, "html": 4, "docx": 5, "layout": 7, "json": 8, "jsonl": 9}


def seeds():
    """(format, bytes) for every example and sample document."""
    out = []
    for path in sorted((SOURCE / "examples").rglob("*.json")) + sorted(SAMPLES.rglob("*.json")):
        out.append(("json", path.read_bytes()))
    for path in sorted(SAMPLES.rglob("report.txt")) + sorted(SAMPLES.rglob("page.txt")):
        out.append(("text", path.read_bytes()))
    for path in sorted(SAMPLES.rglob("*.md")):
        if path.name not in ("README.md", "NOTES.md"):
            out.append(("markdown", path.read_bytes()))
    for path in sorted(SAMPLES.rglob("*.html")):
        out.append(("html", path.read_bytes()))
    for path in sorted(SAMPLES.rglob("*.docx")) + sorted((SOURCE / "tests" / "data").rglob("*.docx")):
        out.append(("docx", path.read_bytes()))
    if shutil.which("pdftotext"):
        for path in sorted(SAMPLES.rglob("*.pdf")):
            text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True).stdout
            out.append(("layout", text))
    return out


def write(directory, data):
    directory.mkdir(parents=True, exist_ok=True)
    (directory / hashlib.sha1(data).hexdigest()).write_bytes(data)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = pathlib.Path(sys.argv[1])
    all_seeds = seeds()
    for target in ("json", "read_text", "read_markdown", "read_html", "read_docx", "read_docx_part", "read_layout",
                   "read_auto", "capi"):
        (out / target).mkdir(parents=True, exist_ok=True)  # a grown corpus is kept; seeds are added
    jsonl = b""
    for fmt, data in all_seeds:
        if fmt == "json":
            write(out / "json", data)
            try:
                jsonl += json.dumps(json.loads(data), ensure_ascii=False).encode() + b"\n"
            except ValueError:
                jsonl += b"{\"not\": json\n"  # a bad line must not stop the batch
        else:
            write(out / ("read_" + fmt), data)
        if fmt == "docx":
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                if "word/document.xml" in package.namelist():
                    write(out / "read_docx_part", package.read("word/document.xml"))
        write(out / "read_auto", data)
        write(out / "capi", bytes([CAPI_ENTRY[fmt], 0]) + data)
        write(out / "capi", bytes([0, 0x47]) + data)  # sniffed, English, pretty + positions, a rule re-graded
    write(out / "capi", bytes([CAPI_ENTRY["jsonl"], 0x81]) + jsonl)
    counts = {d.name: len(list(d.iterdir())) for d in sorted(out.iterdir()) if d.is_dir()}
    print("seed corpora:", ", ".join(f"{k} {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
