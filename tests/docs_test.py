"""The README's commands are the ones CI runs and they name files that exist."""
import os
import re
import unittest

SOURCE = os.environ.get("XXGK_SOURCE_DIR", os.path.join(os.path.dirname(__file__), ".."))


def read(*parts):
    with open(os.path.join(SOURCE, *parts), encoding="utf-8") as f:
        return f.read()


class DocsTest(unittest.TestCase):
    def test_ci_runs_the_readme_test_command(self):
        command = read(".ci", "run").strip().splitlines()[-1]
        self.assertIn("```sh\n" + command + "\n```", read("README.md"))

    def test_the_readme_main_command_checks_the_bundled_seed(self):
        self.assertRegex(read("README.md"), r"xxgk check examples/acheng-yagou-2023\.json")
        self.assertTrue(os.path.exists(os.path.join(SOURCE, "examples", "acheng-yagou-2023.json")))

    def test_every_rule_id_in_the_catalogue_source_is_documented(self):
        ids = re.findall(r'rule::\w+, "([a-z0-9_.]+)"', read("include", "xxgk", "impl", "catalogue.ipp"))
        self.assertGreater(len(ids), 20)
        docs = read("docs", "rules.md")
        for rule_id in ids:
            self.assertIn("`" + rule_id + "`", docs)


if __name__ == "__main__":
    unittest.main()
