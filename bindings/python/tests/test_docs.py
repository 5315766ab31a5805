"""The Python example of docs/python.md runs as written, from the top of the source tree."""

import contextlib
import io
import os
import pathlib
import re
import sys
import unittest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
SOURCE = pathlib.Path(os.environ.get("XXGK_SOURCE_DIR", HERE.parents[2]))


class DocsTest(unittest.TestCase):
    def test_python_example_runs(self):
        doc = (SOURCE / "docs" / "python.md").read_text(encoding="utf-8")
        block = re.search(r"```python\n(.*?)```", doc, re.S)
        self.assertIsNotNone(block)
        out = io.StringIO()
        cwd = os.getcwd()
        try:
            os.chdir(SOURCE)
            with contextlib.redirect_stdout(out):
                exec(compile(block.group(1), "docs/python.md", "exec"), {})
        finally:
            os.chdir(cwd)
        text = out.getvalue()
        self.assertIn("t3.balance error /applications/new_received/natural_person 1 2 -1", text)
        self.assertIn("rule='t3.balance', severity='warning'", text)
        self.assertIn("'cell.not_numeric'", text)


if __name__ == "__main__":
    unittest.main()
