"""xxgk.check_batch (the C call xxgk_check_batch) and check_many: the findings of `xxgk check --format jsonl` over
the same files, whatever the sources are (paths, bytes, dicts), the threads inside the call or the Python threads
calling it."""

import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import xxgk  # noqa: E402

SOURCE = pathlib.Path(os.environ.get("XXGK_SOURCE_DIR", HERE.parents[2]))
BIN = os.environ.get("XXGK_BIN", str(SOURCE / "build" / "xxgk"))

# Reports of distinct agencies or of one year (the command pairs none of them with last year's), in the formats
# the readers take without LibreOffice or OCR, and two that cannot be read.
SAMPLES = ["examples/acheng-yagou-2023.json", "tests/samples/acheng-yagou-2023/report.docx",
           "tests/samples/acheng-yagou-2023/report.txt", "tests/samples/putian-chengguan-2025/page.html",
           "tests/samples/sanming-city-2024/expected.json"]


def make_folder(folder: pathlib.Path) -> list[str]:
    """Fills `folder` with the samples, every example fault and an empty file; returns the files, sorted."""
    for name in SAMPLES:
        shutil.copy(SOURCE / name, folder / name.replace("/", "_"))
    for fault in (SOURCE / "examples" / "faults").glob("*.json"):
        shutil.copy(fault, folder / ("fault_" + fault.name))
    (folder / "empty.json").write_bytes(b"")
    return sorted(str(p) for p in folder.iterdir())


def command_findings(files: list[str], *options: str) -> dict[str, object]:
    """`xxgk check --format jsonl` of the files: each file's findings as the library writes them (the command's
    additions — file, agency, year, fingerprint — taken off), or "error" for a file it could not read."""
    out = subprocess.run([BIN, "check", "--format", "jsonl", "--no-progress", *options, "--", *files],
                         capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert out.returncode in (0, 1, 2), out.stderr
    found: dict[str, object] = {f: [] for f in files}
    for line in out.stdout.splitlines():
        o = json.loads(line)
        if "error" in o:
            found[o["file"]] = "error"
            continue
        file = o.pop("file")
        for added in ("agency", "year", "fingerprint"):
            del o[added]
        found[file].append(o)
    return found


def batch_findings(files: list[str], items: list[dict]) -> dict[str, object]:
    return {f: "error" if "error" in item else item["diagnostics"] for f, item in zip(files, items)}


class CheckBatchTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.scratch = tempfile.TemporaryDirectory()
        cls.files = make_folder(pathlib.Path(cls.scratch.name))
        cls.seed = os.path.join(cls.scratch.name, "examples_acheng-yagou-2023.json")
        cls.command = command_findings(cls.files)
        cls.command_en = command_findings(cls.files, "--lang", "en", "--disable", "cell.blank")

    @classmethod
    def tearDownClass(cls):
        cls.scratch.cleanup()

    def test_paths_give_the_commands_findings(self):
        items = xxgk.check_batch(self.files)
        self.assertEqual(batch_findings(self.files, items), self.command)
        self.assertEqual([i["index"] for i in items], list(range(len(self.files))))
        self.assertEqual([i["file"] for i in items], self.files)
        # The comparison is not empty: findings of the reading, of the tables, and files that cannot be read.
        rules = {d["rule"] for found in self.command.values() if found != "error" for d in found}
        self.assertTrue(any(r.startswith("doc.") for r in rules), rules)
        self.assertIn("t3.balance", rules)
        self.assertEqual({os.path.basename(f) for f, v in self.command.items() if v == "error"},
                         {"empty.json", "fault_malformed.json", "fault_ill-typed.json"})
        seed = items[self.files.index(self.seed)]
        self.assertEqual((seed["agency"], seed["year"], seed["summary"]),
                         ("阿城区亚沟街道办事处", 2023, {"error": 0, "warning": 0, "info": 0}))
        ill_typed = items[self.files.index(os.path.join(self.scratch.name, "fault_ill-typed.json"))]
        self.assertEqual(ill_typed["code"], "XXGK_E_PARSE")
        self.assertTrue(ill_typed["reason"].startswith("json_") and ill_typed["pointer"], ill_typed)

    def test_options_and_threads(self):
        one = xxgk.check_batch(self.files, language="en", disabled=["cell.blank"])
        self.assertEqual(batch_findings(self.files, one), self.command_en)
        self.assertEqual(xxgk.check_batch(self.files, threads=3, language="en", disabled=["cell.blank"]), one)
        self.assertEqual(xxgk.check_batch(self.files, threads=0, language="en", disabled=["cell.blank"]), one)

    def test_documents_and_dicts_in_memory(self):
        # Without a file name the empty file's format is not known by its extension: it is left out here.
        named = [f for f in self.files if pathlib.Path(f).stat().st_size]
        documents = [pathlib.Path(f).read_bytes() for f in named]
        by_path = [{k: v for k, v in i.items() if k != "file"} for i in xxgk.check_batch(named)]
        self.assertEqual(xxgk.check_batch(documents), by_path)
        readable = [f for f in self.files if f.endswith(".json") and self.command[f] != "error"]
        dicts = [json.loads(pathlib.Path(f).read_text(encoding="utf-8")) for f in readable]
        texts = [pathlib.Path(f).read_text(encoding="utf-8") for f in readable]
        self.assertEqual(batch_findings(readable, xxgk.check_batch(dicts)), {f: self.command[f] for f in readable})
        self.assertEqual(xxgk.check_batch(texts), xxgk.check_batch(dicts))
        mixed = [dicts[0], documents[0], named[0]]
        self.assertEqual([i["diagnostics"] for i in xxgk.check_batch(mixed)],
                         [self.command[readable[0]], self.command[named[0]], self.command[named[0]]])

    def test_jsonl_text_is_the_parsed_result(self):
        text = xxgk.check_batch_jsonl(self.files)
        self.assertEqual([json.loads(line) for line in text.splitlines()], xxgk.check_batch(self.files))
        self.assertEqual(xxgk.check_batch_jsonl([]), "")
        self.assertEqual(xxgk.check_batch([]), [])

    def test_more_reports_than_one_call_takes(self):
        many = self.files * (xxgk._BATCH_CHUNK // len(self.files) + 2)
        items = xxgk.check_batch(many)
        self.assertGreater(len(many), xxgk._BATCH_CHUNK)
        self.assertEqual([i["index"] for i in items], list(range(len(many))))
        self.assertEqual(items[-len(self.files):], [dict(i, index=i["index"] + len(many) - len(self.files))
                                                    for i in xxgk.check_batch(self.files)])

    def test_python_threads_calling_at_once_get_what_one_gets(self):
        alone = xxgk.check_batch(self.files * 4)
        results = [None, None]

        def run(k):
            results[k] = xxgk.check_batch(self.files * 4)

        threads = [threading.Thread(target=run, args=(k,)) for k in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(results, [alone, alone])

    def test_unreadable_sources(self):
        missing = os.path.join(self.scratch.name, "no-such-file.json")
        item, = xxgk.check_batch([missing])
        self.assertEqual((item["file"], item["code"]), (missing, "XXGK_E_IO"))
        self.assertIn("no-such-file.json", item["error"])
        with self.assertRaises(TypeError):
            xxgk.check_batch([1])
        with xxgk.Report.load(self.seed) as r, self.assertRaises(TypeError):
            xxgk.check_batch([r])
        with self.assertRaises(xxgk.InvalidArgument):
            xxgk.check_batch(self.files, format="xls")

    def test_check_many_is_the_batch_as_diagnostics(self):
        readable = [f for f in self.files if self.command[f] != "error"]
        items = xxgk.check_many(readable, language="en", disabled=["cell.blank"])
        self.assertEqual([[xxgk.Diagnostic.from_json(d) for d in self.command_en[f]] for f in readable],
                         [i.diagnostics for i in items])
        with xxgk.Report.load(readable[1]) as report:  # a Report keeps its reading's findings
            kept = xxgk.check_many([report, readable[1]])
        self.assertEqual(kept[0].diagnostics, kept[1].diagnostics)
        with self.assertRaises(xxgk.FileError):
            xxgk.check_many([os.path.join(self.scratch.name, "no-such-file.json")])


if __name__ == "__main__":
    unittest.main()
