"""Every example and sample transcription validates against docs/report.schema.json, and the
schema rejects what the reader rejects."""
import glob
import json
import os
import unittest

import jsonschema

SOURCE = os.environ.get("XXGK_SOURCE_DIR", os.path.join(os.path.dirname(__file__), ".."))


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class SchemaTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.schema = load(os.path.join(SOURCE, "docs", "report.schema.json"))
        jsonschema.Draft202012Validator.check_schema(cls.schema)
        cls.validator = jsonschema.Draft202012Validator(cls.schema)

    def fixtures(self):
        files = glob.glob(os.path.join(SOURCE, "examples", "**", "*.json"), recursive=True)
        files += glob.glob(os.path.join(SOURCE, "tests", "samples", "**", "expected.json"), recursive=True)
        return [f for f in files if not f.endswith(("malformed.json", "ill-typed.json"))]

    def test_examples_and_samples_validate(self):
        files = self.fixtures()
        self.assertGreaterEqual(len(files), 18)
        for path in files:
            with self.subTest(path):
                self.validator.validate(load(path))

    def test_the_schema_rejects_broken_reports(self):
        seed = load(os.path.join(SOURCE, "examples", "acheng-yagou-2023.json"))
        broken = [
            lambda d: d["applications"].pop("carried_forward"),
            lambda d: d["applications"]["granted"].update(robots=1),
            lambda d: d.update(format="2020"),
            lambda d: d["review_litigation"]["litigation_direct"].update(total=[1]),
            lambda d: d.update(unknown=True),
        ]
        for i, edit in enumerate(broken):
            with self.subTest(i):
                d = json.loads(json.dumps(seed))
                edit(d)
                self.assertFalse(self.validator.is_valid(d))
        self.assertFalse(self.validator.is_valid(load(os.path.join(SOURCE, "examples", "faults", "ill-typed.json"))))


if __name__ == "__main__":
    unittest.main()
