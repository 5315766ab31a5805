"""examples/dask_folder.py: the package under Dask (a distributed LocalCluster of two workers) over a folder gives
the findings of `xxgk check --format jsonl DIR`."""

import importlib.util
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import unittest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from test_batch import BIN, make_folder  # noqa: E402

EXAMPLES = HERE.parent / "examples"


def load_example():
    spec = importlib.util.spec_from_file_location("dask_folder", EXAMPLES / "dask_folder.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["dask_folder"] = module
    spec.loader.exec_module(module)
    return module


def without_fingerprint(lines):
    return [{k: v for k, v in o.items() if k != "fingerprint"} for o in lines]


class DaskFolderTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.scratch = tempfile.TemporaryDirectory()
        folder = pathlib.Path(cls.scratch.name) / "reports"
        (folder / "sub").mkdir(parents=True)
        make_folder(folder / "sub")
        (folder / "notes.csv").write_text("not a report\n", encoding="utf-8")  # skipped by its extension
        cls.folder = str(folder)
        out = subprocess.run([BIN, "check", "--format", "jsonl", "--no-progress", "--lang", "en", cls.folder],
                             capture_output=True, text=True, encoding="utf-8", timeout=120)
        assert out.returncode == 2, out.stderr  # a file cannot be read
        cls.command = [json.loads(line) for line in out.stdout.splitlines()]

    @classmethod
    def tearDownClass(cls):
        cls.scratch.cleanup()

    def test_local_cluster_gives_the_commands_findings(self):
        from dask.distributed import Client, LocalCluster

        example = load_example()
        paths = example.list_reports(self.folder)
        self.assertEqual(len(paths), len(os.listdir(os.path.join(self.folder, "sub"))))
        # Workers in this process (starting worker processes takes most of 20 seconds here): the tasks still go
        # through the distributed scheduler to two workers.
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            self.assertEqual(len(client.scheduler_info()["workers"]), 2)
            lines = example.check_paths(paths, partition=4, language="en")
        self.assertGreater(len(paths) // 4, 2)  # several tasks
        findings = [o for o in lines if "error" not in o]
        self.assertEqual(findings, without_fingerprint(o for o in self.command if "error" not in o))
        self.assertEqual([o["file"] for o in lines if "error" in o], [o["file"] for o in self.command if "error" in o])
        self.assertTrue(any(o["rule"].startswith("doc.") for o in findings))


if __name__ == "__main__":
    unittest.main()
