"""Outputs are never written over without --force, and never left half-written."""

from __future__ import annotations

from pathlib import Path

import pytest

from sendreview.errors import SendReviewError
from sendreview.output import write_output


def test_writes_a_new_file(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    write_output(target, "hello\n")
    assert target.read_text(encoding="utf-8") == "hello\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(SendReviewError, match="already exists; use --force to replace it"):
        write_output(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    write_output(target, b"new", force=True)
    assert target.read_text(encoding="utf-8") == "new"


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SendReviewError, match="does not exist"):
        write_output(tmp_path / "nowhere" / "out.md", "x")


def test_failed_write_leaves_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", lambda self, target: fail(str(self), str(target)))
    with pytest.raises(SendReviewError, match="cannot write"):
        write_output(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]
