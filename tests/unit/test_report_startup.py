"""The report command's papermill import: without jsonschema's IRI grammar, and without side effects."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from analysis.report import execute as report
report.import_papermill()
import jsonschema._format
print("papermill" in sys.modules, "rfc3987_syntax" in sys.modules,
      "iri" in jsonschema._format.draft7_format_checker.checkers)
import rfc3987_syntax  # anything else that wants it still gets it
print(rfc3987_syntax.is_valid_syntax("iri", "https://example.org/x"))
"""


def test_papermill_loads_without_the_iri_grammar_and_leaves_imports_working():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "False", "False", "True"]


def test_an_already_loaded_grammar_is_left_alone():
    probe = "import sys, rfc3987_syntax\n" + PROBE.split("import sys\n", 1)[1]
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "True", "True", "True"]
