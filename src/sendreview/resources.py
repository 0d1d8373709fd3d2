"""Files that ship inside the package (the bundled data and templates), found with importlib.resources."""

from __future__ import annotations

from contextlib import ExitStack
from importlib import resources
from pathlib import Path


def _packaged(*parts: str) -> Path:
    # Wheels unpack to real files, so the path stays valid after the context closes.
    with ExitStack() as stack:
        return stack.enter_context(resources.as_file(resources.files("sendreview").joinpath(*parts)))


def bundled_path(name: str) -> Path:
    """The path of a file in the package's bundled `data/` folder."""
    return _packaged("data", name)


def bundled_template_folder() -> Path:
    """The folder of the package's bundled templates."""
    return _packaged("templates")


GUIDES = ("formats", "templates", "json")


def guide_text(name: str) -> str:
    """A guide from the docs folder (formats, templates, json): shipped inside the package when installed
    from a wheel, read from the source tree's docs/ when run from a checkout."""
    if name not in GUIDES:
        raise ValueError(f"no guide {name!r}")
    packaged = resources.files("sendreview").joinpath("docs", f"{name}.md")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    return (Path(__file__).resolve().parents[2] / "docs" / f"{name}.md").read_text(encoding="utf-8")
