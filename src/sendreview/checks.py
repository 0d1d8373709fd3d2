"""Checks across a file (and across files) that a schema cannot make: ids, references, clashes.

Each check returns its problems as data; the caller decides what to do with them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sendreview.errors import Problem, did_you_mean
from sendreview.loading import Loaded
from sendreview.models.asks import Catalogue, CatalogueFile
from sendreview.yamlparse import PathPart, Source


def _duplicates(source: Source, items: Iterable[tuple[str, Sequence[PathPart]]], what: str) -> list[Problem]:
    """A problem for each id already used earlier in the same file."""
    first: dict[str, Sequence[PathPart]] = {}
    problems = []
    for value, path in items:
        if value in first:
            line = source.problem(first[value], "").line
            problems.append(source.problem(path, f"duplicate {what} '{value}' (first used on line {line})"))
        else:
            first[value] = path
    return problems


def check_catalogues(files: Sequence[Loaded[CatalogueFile]]) -> list[Problem]:
    """Check ids are unique across all catalogue files and every reference resolves."""
    problems: list[Problem] = []
    owners: dict[str, Problem] = {}  # id -> where it was first defined
    groups = {g.id for f in files for g in f.model.groups}
    asks = {a.id for f in files for a in f.model.asks}
    for loaded in files:
        source, model = loaded.source, loaded.model
        entries = [(g.id, ("groups", i, "id"), "group") for i, g in enumerate(model.groups)]
        entries += [(a.id, ("asks", i, "id"), "ask") for i, a in enumerate(model.asks)]
        for value, path, what in entries:
            here = source.problem(path, "")
            if (first := owners.get(f"{what}:{value}")) is not None:
                where = f"{first.file}:{first.line}" if first.file != here.file else f"line {first.line}"
                problems.append(source.problem(path, f"{what} id '{value}' is already used ({where})"))
            else:
                owners[f"{what}:{value}"] = here
        for i, ask in enumerate(model.asks):
            if ask.group not in groups:
                hint = did_you_mean(ask.group, groups)
                problems.append(source.problem(("asks", i, "group"), f"unknown group '{ask.group}'{hint}"))
            for j, other in enumerate(ask.supports):
                if other not in asks:
                    hint = did_you_mean(other, asks)
                    problems.append(source.problem(("asks", i, "supports", j), f"unknown ask '{other}'{hint}"))
            problems += _duplicates(
                source,
                ((p.lens, ("asks", i, "lenses", k, "lens")) for k, p in enumerate(ask.lenses)),
                "lens",
            )
    return problems


def _items(data: Any, key: str) -> list[tuple[int, dict[str, Any]]]:
    """The mappings in a top-level list, with their index; whatever is malformed is skipped
    here because the schema reports it."""
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def _text(item: dict[str, Any], key: str) -> str | None:
    value = item.get(key)
    return value if isinstance(value, str) else None


def check_timeline(data: Any, source: Source) -> list[Problem]:
    """Check milestone ids are unique and periods name real milestones."""
    milestones = _items(data, "milestones")
    ids = [(m_id, ("milestones", i, "id")) for i, m in milestones if (m_id := _text(m, "id")) is not None]
    problems = _duplicates(source, ids, "milestone id")
    known = {m_id for m_id, _ in ids}
    for i, period in _items(data, "periods"):
        for key in ("from", "to"):
            value = _text(period, key)
            if value is not None and value not in known:
                hint = did_you_mean(value, known)
                problems.append(source.problem(("periods", i, key), f"unknown milestone '{value}'{hint}"))
    return problems


def check_document(data: Any, source: Source, catalogue: Catalogue) -> list[Problem]:
    """Check proposal ids are unique and every link names an ask or lens point in the catalogue."""
    proposals = _items(data, "proposals")
    ids = [(p_id, ("proposals", i, "id")) for i, p in proposals if (p_id := _text(p, "id")) is not None]
    problems = _duplicates(source, ids, "proposal id")
    targets = catalogue.target_index()
    asks = {ask.id: ask for ask in catalogue.asks}
    for i, proposal in proposals:
        links = [(ask, ("proposals", i, "responds_to", j, "ask"))
                 for j, link in _items(proposal, "responds_to") if (ask := _text(link, "ask")) is not None]  # fmt: skip
        problems += [
            source.problem(path, _unknown_target(ask, asks, targets)) for ask, path in links if ask not in targets
        ]
        problems += _duplicates(source, links, "link to")
    return problems


def _unknown_target(name: str, asks: Mapping[str, object], targets: Mapping[str, object]) -> str:
    ask_id, _, lens = name.partition("/")
    ask = asks.get(ask_id)
    if lens and ask is not None:
        points = [t.rpartition("/")[2] for t in targets if t.startswith(ask_id + "/")]
        if not points:
            return f"'{ask_id}' has no lens points, so '{name}' does not exist; link to '{ask_id}' itself"
        hint = did_you_mean(lens, points)
        return f"'{lens}' is not a lens point of '{ask_id}'{hint}; use one of {', '.join(points)}"
    return f"unknown ask '{name}'{did_you_mean(name, targets)}"
