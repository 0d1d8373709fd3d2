"""How far a source can be trusted, told from its web address: official records first, sector and
press sources where no official record exists, and hosts to avoid (mirrors, test or prototype
sites, paywalls, aggregators).

`check_sources` is a check like those in `sendreview.checks`: it returns warnings as `Problem`s
(each message starts `warning:`) and `sendreview validate` prints them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Literal

from sendreview.errors import Problem
from sendreview.yamlparse import Source

Quality = Literal["official", "sector-or-press", "avoid"]

# Official records: government, Parliament, legislation, and the NNPCF's own site. A host counts
# when it is one of these or a subdomain of one (educationhub.blog.gov.uk, hansard.parliament.uk).
OFFICIAL_HOSTS = ("gov.uk", "parliament.uk", "legislation.gov.uk", "nnpcf.org.uk")

# Hosts never to cite, with why: a reader must be able to check the record itself.
AVOID_HOSTS: dict[str, str] = {
    "dokumen.tips": "a document mirror",
    "studylib.net": "a document mirror",
    "slideshare.net": "a document mirror",
    "parallelparliament.co.uk": "an aggregator of parliamentary records",
    "orderpaper.co.uk": "an aggregator of government papers",
    "herokuapp.com": "a prototype app on a hosting platform",
    "azurewebsites.net": "a prototype app on a hosting platform",
    "app.croneri.co.uk": "a paywalled service",
    "tes.com/magazine": "a paywalled magazine",
}
# Any host whose first label is one of these is a test or prototype copy of a site.
TEST_LABELS = ("uat", "staging", "test", "preview")

_URL = re.compile(r"https?://[^\s\"'<>)\]]+", re.IGNORECASE)


def host(url: str) -> str:
    """The host of a web address, lower case, without 'www.' or a port."""
    rest = url.split("://", 1)[-1]
    name = re.split(r"[/?#]", rest, maxsplit=1)[0].rsplit("@", 1)[-1].split(":")[0].lower().rstrip(".")
    return name.removeprefix("www.")


def _within(name: str, domain: str) -> bool:
    return name == domain or name.endswith("." + domain)


def why_avoid(url: str) -> str | None:
    """Why a web address should not be cited, or None if it may be."""
    name = host(url)
    path = url.split("://", 1)[-1].lower().removeprefix("www.")
    for avoided, reason in AVOID_HOSTS.items():
        if "/" in avoided:
            if path.startswith(avoided):
                return reason
        elif _within(name, avoided):
            return reason
    if name.split(".")[0] in TEST_LABELS:
        return "a test or prototype copy of a site"
    return None


def quality(url: str) -> Quality:
    """'official' for government, Parliament, legislation and the NNPCF; 'avoid' for hosts not to
    cite; otherwise 'sector-or-press' (fine, named, where no official record exists)."""
    if why_avoid(url) is not None:
        return "avoid"
    name = host(url)
    return "official" if any(_within(name, domain) for domain in OFFICIAL_HOSTS) else "sector-or-press"


def urls(text: str) -> Iterator[tuple[int, str]]:
    """Every web address in a text, with where it starts; a trailing full stop or comma is not part of it."""
    for found in _URL.finditer(text):
        yield found.start(), found.group().rstrip(".,;:")


def check_sources(data: Any, source: Source) -> list[Problem]:
    """Warnings for every web address (in values and comments alike) on a host to avoid, and for
    every dated timeline milestone with no source."""
    problems = []
    for start, url in urls(source.text):
        reason = why_avoid(url)
        if reason is not None:
            message = (
                f"warning: source on a host to avoid ({host(url)}, {reason}): cite the official record"
                " (gov.uk, parliament.uk, legislation.gov.uk, nnpcf.org.uk), or else a named sector source"
            )
            problems.append(source.at(start, message))
    milestones = data.get("milestones") if isinstance(data, dict) else None
    for i, milestone in enumerate(milestones if isinstance(milestones, list) else []):
        if not isinstance(milestone, dict) or milestone.get("date") in (None, ""):
            continue
        said = milestone.get("source")
        if not isinstance(said, str) or not said.strip():
            name = milestone.get("id", i + 1)
            problems.append(
                source.problem(
                    ("milestones", i, "date"),
                    f"warning: milestone '{name}' has a date but no source; say where the date comes from",
                )
            )
    return sorted(problems)
