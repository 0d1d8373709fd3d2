"""The bundled data is checked once and then taken from the cache; a user's file is checked every time."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from sendreview import api, cache, loading
from sendreview.checks import check_commitments, check_consultation, check_timeline, check_vocabulary
from sendreview.errors import SendReviewError
from sendreview.loading import Check, load_bundled, load_file
from sendreview.models.asks import CatalogueFile
from sendreview.models.commitments import CommitmentsFile
from sendreview.models.consultation import ConsultationFile
from sendreview.models.timeline import Timeline
from sendreview.models.vocabulary import VocabularyFile
from sendreview.resources import bundled_path

BUNDLED: list[tuple[str, type[BaseModel], Check | None]] = [
    ("recommendations.yaml", CatalogueFile, None),
    ("timeline.yaml", Timeline, check_timeline),
    ("commitments.yaml", CommitmentsFile, check_commitments),
    ("vocabulary.yaml", VocabularyFile, check_vocabulary),
    *[
        (f"consultations/{path.name}", ConsultationFile, check_consultation)
        for path in sorted(bundled_path("consultations").glob("*.yaml"))
    ],
]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("SENDREVIEW_NO_CACHE", raising=False)
    return tmp_path / "cache" / "sendreview"


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the loader checks with pydantic, in order."""
    seen: list[str] = []
    real = loading.validate

    def spy(data: Any, model: Any, source: Any, problems: Any = ()) -> Any:
        seen.append(source.name)
        return real(data, model, source, problems)

    monkeypatch.setattr(loading, "validate", spy)
    return seen


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle")) if folder.exists() else []


@pytest.mark.parametrize(("name", "model", "check"), BUNDLED, ids=[name for name, _, _ in BUNDLED])
def test_cached_bundled_data_equals_a_fresh_load(
    name: str, model: type[BaseModel], check: Check | None, folder: Path, checked: list[str]
) -> None:
    path = bundled_path(name)
    first = load_bundled(path, model, check=check)
    assert len(checked) == 1 and len(entries(folder)) == 1
    again = load_bundled(path, model, check=check)
    assert len(checked) == 1, "the second load should come from the cache, unchecked"
    fresh = load_file(path, model, check=check)
    assert type(again.model) is model
    assert again.model == fresh.model == first.model
    assert again.model.model_dump(mode="json") == fresh.model.model_dump(mode="json")
    assert again.source.text == fresh.source.text


def test_the_api_gives_the_same_catalogue_and_timeline_from_the_cache(folder: Path, checked: list[str]) -> None:
    cold = (api.load_catalogue(), api.load_timeline(), api.load_vocabulary(), api.load_commitments())
    count = len(checked)
    warm = (api.load_catalogue(), api.load_timeline(), api.load_vocabulary(), api.load_commitments())
    assert len(checked) == count
    assert warm[:3] == cold[:3]
    assert warm[3].kinds == cold[3].kinds


def test_a_changed_bundled_file_is_checked_again(tmp_path: Path, folder: Path) -> None:
    copy = tmp_path / "timeline.yaml"
    shutil.copy(bundled_path("timeline.yaml"), copy)
    load_bundled(copy, Timeline, check=check_timeline)
    copy.write_text(copy.read_text(encoding="utf-8").replace("milestones:", "milestone:", 1), encoding="utf-8")
    with pytest.raises(SendReviewError) as raised:
        load_bundled(copy, Timeline, check=check_timeline)
    assert "unknown field 'milestone'" in str(raised.value)


def test_a_users_file_is_checked_every_time_and_never_cached(tmp_path: Path, folder: Path, checked: list[str]) -> None:
    api.load_timeline()  # the bundled timeline, now in the cache
    kept = entries(folder)
    mine = tmp_path / "mine.yaml"
    shutil.copy(bundled_path("timeline.yaml"), mine)  # the very same bytes as the cached file
    before = len(checked)
    assert api.load_timeline(mine) == api.load_timeline()
    assert len(checked) == before + 1  # the user's file, checked; the bundled one, from the cache
    api.load_timeline(mine)
    assert len(checked) == before + 2
    assert entries(folder) == kept
    mine.write_text(mine.read_text(encoding="utf-8").replace("milestones:", "milestone:", 1), encoding="utf-8")
    with pytest.raises(SendReviewError, match="unknown field 'milestone'"):
        api.load_timeline(mine)


def test_a_changed_users_catalogue_is_checked_again(write: Callable[[str, str], Path], folder: Path) -> None:
    text = "asks:\n  - id: our-ask\n    group: ours\n    title: Our ask\ngroups:\n  - id: ours\n    title: Ours\n"
    path = write("ours.yaml", text)
    assert [a.id for a in api.load_catalogue([path], bundled=False).asks] == ["our-ask"]
    path.write_text(text.replace("id: our-ask", "id: Our Ask"), encoding="utf-8")
    with pytest.raises(SendReviewError, match="not a valid id"):
        api.load_catalogue([path], bundled=False)


def test_an_unreadable_entry_is_rebuilt(folder: Path, checked: list[str]) -> None:
    path = bundled_path("timeline.yaml")
    load_bundled(path, Timeline, check=check_timeline)
    [entry] = entries(folder)
    entry.write_bytes(b"not a pickle at all")
    assert load_bundled(path, Timeline, check=check_timeline).model == load_file(path, Timeline).model
    assert len(checked) == 3
    assert entry.read_bytes() != b"not a pickle at all"
    load_bundled(path, Timeline, check=check_timeline)
    assert len(checked) == 3


def test_an_entry_of_another_kind_is_not_taken(folder: Path, checked: list[str]) -> None:
    path = bundled_path("timeline.yaml")
    load_bundled(path, Timeline, check=check_timeline)
    [entry] = entries(folder)
    cache.keep(entry.stem, {"not": "a timeline"})
    assert isinstance(load_bundled(path, Timeline, check=check_timeline).model, Timeline)
    assert len(checked) == 2


def test_an_entry_others_could_write_is_not_trusted(folder: Path, checked: list[str]) -> None:
    path = bundled_path("timeline.yaml")
    load_bundled(path, Timeline, check=check_timeline)
    [entry] = entries(folder)
    entry.chmod(0o666)
    load_bundled(path, Timeline, check=check_timeline)
    assert len(checked) == 2


def test_another_version_never_trusts_the_entry(
    folder: Path, checked: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = bundled_path("timeline.yaml")
    load_bundled(path, Timeline, check=check_timeline)
    monkeypatch.setattr(cache, "__version__", "999.0.0")
    load_bundled(path, Timeline, check=check_timeline)
    assert len(checked) == 2
    assert len(entries(folder)) == 2


def test_a_cache_folder_that_cannot_be_written_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checked: list[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    path = bundled_path("timeline.yaml")
    first = load_bundled(path, Timeline, check=check_timeline)
    second = load_bundled(path, Timeline, check=check_timeline)
    assert first.model == second.model
    assert len(checked) == 2  # checked each time, as without a cache
    assert list(tmp_path.glob("**/*.pickle")) == []


def test_the_cache_can_be_turned_off(folder: Path, checked: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SENDREVIEW_NO_CACHE", "1")
    api.load_timeline()
    api.load_timeline()
    assert len(checked) == 2
    assert entries(folder) == []


def test_commands_give_the_same_output_from_the_cache(
    invoke: Callable[..., Any], folder: Path, checked: list[str]
) -> None:
    cold = [invoke(*args).output for args in (["asks"], ["timeline", "--format", "markdown"])]
    count = len(checked)
    warm = [invoke(*args).output for args in (["asks"], ["timeline", "--format", "markdown"])]
    assert warm == cold
    assert len(checked) == count


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja compiles from source, in order."""
    from jinja2 import Environment

    seen: list[str] = []
    real = Environment.compile

    def spy(self: Any, source: Any, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        seen.append(str(name))
        return real(self, source, name, *args, **kwargs)

    monkeypatch.setattr(Environment, "compile", spy)
    return seen


@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
def test_a_bundled_template_is_compiled_once_and_says_the_same(
    invoke: Callable[..., Any], folder: Path, compiled: list[str], fmt: str
) -> None:
    args = ["statement", "examples/green-paper-2022.yaml", "--org", "A Forum", "--today", "2026-11-28", "-f", fmt]
    cold = invoke(*args)
    assert cold.exit_code == 0, cold.output
    assert compiled == [f"statement.{fmt}.j2"]
    warm = invoke(*args)
    assert warm.exit_code == 0, warm.output
    assert warm.output == cold.output
    assert compiled == [f"statement.{fmt}.j2"]  # the second run took it from the cache


def test_a_users_template_is_compiled_every_time_and_never_kept(
    invoke: Callable[..., Any], tmp_path: Path, folder: Path, compiled: list[str]
) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text("From {{ organisation }}\n", encoding="utf-8")
    args = ["statement", "examples/green-paper-2022.yaml", "--org", "A Forum", "--template", template]
    first = invoke(*args)
    assert first.exit_code == 0, first.output
    kept = entries(folder)
    template.write_text("Said by {{ organisation }}\n", encoding="utf-8")
    second = invoke(*args)
    assert second.exit_code == 0, second.output
    assert "From A Forum" in first.output
    assert "Said by A Forum" in second.output
    assert compiled == ["mine.md.j2", "mine.md.j2"]
    assert entries(folder) == kept  # the bundled data only, no compiled template


class Said(BaseModel):
    """The smallest thing a template can be given."""

    name: str


def test_a_changed_template_kept_compiled_is_compiled_again(tmp_path: Path, folder: Path, compiled: list[str]) -> None:
    from sendreview.render.sandbox import render

    template = tmp_path / "kept.txt.j2"
    template.write_text("Hello {{ name }}\n", encoding="utf-8")
    said = Said(name="Sam")
    assert render(said, template, html=False, bounded=False, keep_compiled=True) == "Hello Sam\n"
    assert render(said, template, html=False, bounded=False, keep_compiled=True) == "Hello Sam\n"
    assert compiled == ["kept.txt.j2"]
    template.write_text("Goodbye {{ name }}\n", encoding="utf-8")
    assert render(said, template, html=False, bounded=False, keep_compiled=True) == "Goodbye Sam\n"
    assert compiled == ["kept.txt.j2", "kept.txt.j2"]


def test_a_template_kept_compiled_for_text_is_not_taken_for_html(
    tmp_path: Path, folder: Path, compiled: list[str]
) -> None:
    from sendreview.render.sandbox import render

    template = tmp_path / "both.j2"
    template.write_text("{{ name }}\n", encoding="utf-8")
    said = Said(name="<b>Sam</b>")
    assert render(said, template, html=False, bounded=False, keep_compiled=True) == "<b>Sam</b>\n"
    assert render(said, template, html=True, bounded=False, keep_compiled=True) == "&lt;b&gt;Sam&lt;/b&gt;\n"
    assert len(compiled) == 2
