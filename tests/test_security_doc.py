"""docs/security.md names the test behind each promise: every test it names must exist."""

from __future__ import annotations

import re

from tests.conftest import ROOT

SECURITY = ROOT / "docs" / "security.md"


def test_every_test_the_security_page_names_exists() -> None:
    text = SECURITY.read_text(encoding="utf-8")
    named = set(re.findall(r"`(?:[\w/]+\.py::)?(test_\w+)\b(?!\.)", text))  # test_x.py is a file
    defined = {
        name
        for module in (ROOT / "tests").glob("test_*.py")
        for name in re.findall(r"^def (test_\w+)", module.read_text(encoding="utf-8"), re.MULTILINE)
    }
    assert len(named) > 20, "the page should name its tests"
    assert named <= defined, f"named in docs/security.md but not defined: {sorted(named - defined)}"
