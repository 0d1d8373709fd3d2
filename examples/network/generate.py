"""Make the SYNTHETIC example data for "What does the network think?" in the README.

    python examples/network/generate.py

Writes examples/network/forums/*.yaml (30 made-up forums' assessments of the 2022 Green Paper,
as in examples/green-paper-2022.yaml) and examples/network/survey.csv with its map survey.yaml
(600 made-up respondents). Nothing here is any real forum's or parent's view: the forums'
names are invented, their stances are the example file's illustrative ones with random changes,
and the survey's answers are drawn at random. Every file says SYNTHETIC at the top and is
marked `status: illustrative`, so every output made from it says so too. The seed is fixed, so
running it again gives the same files.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import yaml

from sendreview.models.document import REGIONS

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "green-paper-2022.yaml"
SEED = 2026
STANCES = ["agree", "partly", "disagree"]
HEADER = """\
# SYNTHETIC EXAMPLE DATA, made by examples/network/generate.py (seed {seed}).
# "{name}" is not a real forum, and these are not anyone's views: the stances
# are examples/green-paper-2022.yaml's illustrative ones, changed at random.
"""
FORUMS = 30
RESPONDENTS = 600
# The survey's questions: the Green Paper proposals it asks about, and how parents lean (made up).
QUESTIONS = [
    ("Q1 National standards", "2.1", "national SEND standards", (0.55, 0.2, 0.15, 0.1)),
    ("Q2 Tailored lists of settings", "2.5", "tailored lists of settings", (0.25, 0.2, 0.45, 0.1)),
    ("Q3 Mandatory mediation", "2.6", "mandatory mediation before tribunal", (0.08, 0.07, 0.8, 0.05)),
]
ANSWERS = {
    0: ["Strongly agree", "Agree", "strongly Agree"],
    1: ["Neither agree nor disagree", "Neither"],
    2: ["Disagree", "Strongly disagree"],
    3: ["Don't know"],
}
AGES = ["0-4", "5-10", "11-15", "16-25"]
SETTINGS = ["Mainstream school", "Special school", "Early years", "College", "Home educated", "Hospital education"]
COMMENTS = [
    "We waited a year for an assessment.",
    "My son Jake is still without a school place; email me at jo.parent@example.com",
    "Call me on 07700 900123, my daughter Amelia has been out of school since March.",
    "Mediation would only add another delay for families like ours in LS1 4AP.",
    '=HYPERLINK("http://example.com","click") is what the last form did',
    "Our EHCP was finally agreed after tribunal.",
    "+44 20 7946 0018 is the school's number, they never answer",
]


def forums() -> None:
    rng = random.Random(SEED)
    paper = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    folder = HERE / "forums"
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.yaml"):
        old.unlink()
    for number in range(1, FORUMS + 1):
        name = f"Synthetic Forum {number:02d}"
        region = REGIONS[(number - 1) % len(REGIONS)] if number <= 27 else None
        proposals = []
        for proposal in paper["proposals"]:
            links = []
            if rng.random() >= 0.08:  # now and then a forum has not assessed a proposal yet
                for link in proposal.get("responds_to", []):
                    stance = link["stance"] if rng.random() < 0.7 else rng.choice(STANCES)
                    links.append({"ask": link["ask"], "stance": stance})
            item = {"id": proposal["id"], "title": proposal["title"]}
            if links:
                item["responds_to"] = links
            proposals.append(item)
        assessment = {"by": name, "status": "illustrative", **({"region": region} if region else {})}
        info = {k: paper["document"][k] for k in ("title", "kind", "published") if k in paper["document"]}
        data = {"document": info, "assessment": assessment, "proposals": proposals}
        text = HEADER.format(seed=SEED, name=name) + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        (folder / f"forum-{number:02d}.yaml").write_text(text, encoding="utf-8")


def survey() -> None:
    rng = random.Random(SEED + 1)
    with (HERE / "survey.csv").open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(
            ["Respondent ID", "Region", "Age of child", "Setting", *(q[0] for q in QUESTIONS), "Anything else?"]
        )
        for number in range(1, RESPONDENTS + 1):
            row = [
                f"R{number:04d}",
                rng.choice([*REGIONS, ""]),
                rng.choice(AGES),
                rng.choices(SETTINGS, weights=[60, 25, 8, 5, 2, 1])[0],
            ]
            for _column, _proposal, _about, weights in QUESTIONS:
                kind = rng.choices(range(4), weights=weights)[0]
                row.append("" if rng.random() < 0.04 else rng.choice(ANSWERS[kind]))
            row.append(rng.choice(COMMENTS) if rng.random() < 0.1 else "")
            writer.writerow(row)


if __name__ == "__main__":
    forums()
    survey()
