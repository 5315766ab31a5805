"""PDFs the samples do not cover, made at test time by pdf_variants.py from the hangzhou sample's DOCX (the
one with 4- and 5-digit counts) through LibreOffice, and read by `xxgk parse`: no number is read wrong, and
the cells that the document determines are exact.

- `narrow`: the numbers' columns at 55 % of the template's width, so 4- and 5-digit values wrap over two or
  three lines, set around the row's line as pdftotext pleases (laid-out text read 19 cells wrong:
  `13612` as `61`); the rules and the word boxes place every piece.
- `smallfont-narrowlabels`: labels wrapped over three lines, `3075` as `307` over `5` in its cell, and the
  total row broken by a page break (`133` at the foot of page 3, `64` at the head of page 4): the wrapped
  values are joined from the word boxes, the two values cut by the page break are left unread.
- `narrow-bigfont`: values wrapped over three lines, and table 三's header alone at the foot of page 2 (its
  laid-out table runs onto the ruled page 3: both pages are read from their rules; 21 cells were wrong).
"""
import json
import os
import shutil
import tempfile
import unittest

import pdf_variants

SOURCE = os.environ.get("XXGK_SOURCE_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SAMPLE = os.path.join(SOURCE, "tests", "samples", "rendered", "hangzhou-style-html")
pdf_variants.XXGK = os.environ.get("XXGK_BIN", "xxgk")

# variant → exact cells at least (of 200); the rest unread, none wrong
FLOORS = {"narrow": 200, "smallfont-narrowlabels": 193, "narrow-bigfont": 193}


@unittest.skipUnless(shutil.which("soffice"), "LibreOffice is needed to make the PDFs")
class PdfVariants(unittest.TestCase):
    def test_every_cell_is_exact_or_unread_never_wrong(self):
        expected = json.load(open(os.path.join(SAMPLE, "expected.json"), encoding="utf-8"))
        with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as work:
            for name, floor in FLOORS.items():
                with self.subTest(variant=name):
                    pdf = pdf_variants.docx_variant(SAMPLE, name, out, work)
                    exact, unread, wrong, misses = pdf_variants.count(pdf, expected)
                    self.assertEqual(wrong, 0, misses)
                    self.assertGreaterEqual(exact, floor, f"{unread} unread")


if __name__ == "__main__":
    unittest.main()
