# ruff: noqa: RUF001  (seed phrases keep the deck's curly quotes on purpose)
"""The bundled data files are faithful to the NNPCF slide deck.

The deck (tests/data/seed-deck.txt, a verbatim copy of the seed) is the only
source for data/recommendations.yaml and data/timeline.yaml. Every phrase in
the tables below is checked twice:

(a) it occurs in the deck, so the table itself cannot drift from the source;
(b) it occurs in the data (or, where the data paraphrases, the paired data
    phrase does), so nothing the deck says is lost.

Both sides are normalised the same way: lower case, curly quotes and
apostrophes made straight, dashes made hyphens, "…" made "...", bullets
dropped and whitespace collapsed.

These tests read the YAML with plain PyYAML on purpose: they check the data,
not the package's loader.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
RECOMMENDATIONS = DATA / "recommendations.yaml"
TIMELINE = DATA / "timeline.yaml"
SEED = Path(__file__).resolve().parent / "data" / "seed-deck.txt"

SEPARATOR = " \u00a6 "  # between flattened strings, so no phrase spans two values


# --- helpers -------------------------------------------------------------------

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2022": " ",
        "\u00a0": " ",
    }
)


def norm(text: str) -> str:
    text = text.translate(_TRANSLATE).replace("\u2026", "...")
    return re.sub(r"\s+", " ", text).strip().lower()


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses duplicate mapping keys."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _scalars(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _scalars(item)
    elif isinstance(value, list):
        for item in value:
            yield from _scalars(item)
    else:
        yield value


@pytest.fixture(scope="module")
def recs() -> Any:
    return yaml.safe_load(RECOMMENDATIONS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def timeline() -> Any:
    return yaml.safe_load(TIMELINE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_text() -> str:
    return norm(SEED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def data_text(recs: Any, timeline: Any) -> str:
    return SEPARATOR.join(norm(s) for s in [*_strings(recs), *_strings(timeline)])


@pytest.fixture(scope="module")
def asks(recs: Any) -> dict[str, Any]:
    return {ask["id"]: ask for ask in recs["asks"]}


@pytest.fixture(scope="module")
def milestones(timeline: Any) -> dict[str, Any]:
    return {m["id"]: m for m in timeline["milestones"]}


# --- the phrase table ------------------------------------------------------------
# P(label, seed phrase) when the data keeps the deck's words;
# P(label, seed phrase, data phrase) when the data paraphrases or fixes a typo.


def P(label: str, seed: str, data: str | None = None) -> Any:
    return pytest.param(seed, data if data is not None else seed, id=label)


PHRASES = [
    # History and context
    P("history/small-part", "The NNPCF played a small part in getting the SEND review set up"),
    P(
        "history/varying-input",
        "The NNPCF has had varying degrees of input into the review",
        "has had varying degrees of input into the review",
    ),
    P(
        "history/coming-a-long-time",
        "The SEND review is imminent but its been coming a long time…",
        "The SEND review is imminent but it's been coming a long time...",
    ),
    # July 2019
    P("july-2019/intro", "When we met with Nadhim Zahawi in July 2019, we asked for two things"),
    P("ask/proper-funding", "Proper funding for SEND services"),
    P(
        "ask/cross-government-strategy",
        "A cross governmental strategy to address the issues in the system",
        "A cross-governmental strategy to address the issues in the system",
    ),
    # Conference 2019: seven messages
    P("conference/heading", "seven messages from the NNPCF conference 2019"),
    P("conference/what-needs-to-change", "What needs to change"),
    P(
        "conference/intro",
        "The NNPCF conference in November 2019, held a dynamic and inspirational session in which "
        "200 delegates worked together to provide some recommendations into the SEND review",
        "The NNPCF conference in November 2019 held a dynamic and inspirational session in which "
        "200 delegates worked together to provide some recommendations into the SEND review",
    ),
    P("ask/listen-early", "Listen to families and intervene early"),
    P("ask/enough-money", "Make sure there is enough money and spend it well"),
    P("ask/align-incentives", "Align incentives for school and system leaders"),
    P("ask/more-accountability", "Increased accountability"),
    P("ask/right-skills", "Right people, right knowledge, right skills"),
    P("ask/lifelong-outcomes", "Lifelong outcomes"),
    P("ask/coproduction", "Coproduction"),
    # How do we change it? (steering group sessions)
    P("sessions/how-change", "But how do we change it?"),
    P(
        "sessions/four-sessions",
        "The NNPCF steering group held four sessions to cover four of the biggest challenges "
        "to reforming the SEND system",
    ),
    P("challenge/1", "How do we make the system listen to families and intervene early?"),
    P("challenge/2", "How do we incentivise mainstream schools to be more inclusive?"),
    P("challenge/3", "How can we save money and spend the money we have more effectively?"),
    P("challenge/4", "How do we change the culture and embed coproduction into the SEND system?"),
    P(
        "sessions/levers",
        "the levers that government has to change behaviours such as money, legislation, inspection and data",
        "the levers that government has to change behaviours, such as money, legislation, inspection and data",
    ),
    P(
        "sessions/no-defining",
        "We did not spend any time defining the problem – collectively, we spend too long doing this "
        "and going round in circles",
        "We did not spend any time defining the problem: collectively, we spend too long doing this "
        "and going round in circles",
    ),
    P(
        "sessions/skunk-works",
        "A “skunk works” project brings knowledgeable, experienced and passionate individuals "
        "together to create strategic and innovative solutions",
    ),
    P("sessions/skunk-works-pace", "It is usually run at great pace and outside of normal processes"),
    # Silver bullets: the list
    P("silver-bullets/heading", "There are some silver bullets"),
    P("silver-bullets/consistent", "Some consistent solutions emerged across the questions we asked"),
    P("silver-bullets/simple", "Simple things that make a difference across the board"),
    P("silver-bullets/list-1", "Minimum standards for services", "Minimum standard for services"),
    P(
        "silver-bullets/list-2",
        "Clarity on joint commissioning and who pays for what",
        'Clarity on joint commissioning and "who pays for what"',
    ),
    P("silver-bullets/list-3", "How the money is allocated and spent"),
    P("silver-bullets/list-4", "Accountability, inspections and data"),
    P("silver-bullets/list-5", "Right people, right knowledge, right skills"),
    # minimum-standards
    P("minimum-standards/title", "Minimum standard for services"),
    P(
        "minimum-standards/ask-1",
        "A consistent national definition of SEND with a minimum standard of services available to families",
    ),
    P(
        "minimum-standards/ask-2",
        "This should be linked to time targets for delivery and a set of reasonable adjustments that can be expected",
    ),
    P(
        "minimum-standards/money-1",
        "Greater clarity about the services that need to be provided across the system meaning "
        "planning and commissioning is simpler",
    ),
    P("minimum-standards/money-2", "Also eliminates the postcode lottery"),
    P(
        "minimum-standards/money-3",
        "Many of the interventions would not be expensive and would be covered under the category "
        "of reasonable adjustments",
    ),
    P(
        "minimum-standards/early-intervention-1",
        "Every local area, setting, service and family would know what they can expect if they have "
        "concerns or issues about specific situations",
    ),
    P(
        "minimum-standards/early-intervention-2",
        "Greater specificity about universal and targeted services means there would be no debate "
        "about what should be provided",
    ),
    P(
        "minimum-standards/inclusion-1",
        "Each school would know what they must ordinarily provide for children within their setting – "
        "some of this would be from health and social care partners",
        "Each school would know what they must ordinarily provide for children within their setting; "
        "some of this would be from health and social care partners",
    ),
    P(
        "minimum-standards/inclusion-2",
        "This would be published on the SEND information report, referenced to the local offer",
    ),
    P("minimum-standards/inclusion-3", "It would be clear to families what they can expect"),
    P(
        "minimum-standards/coproduction",
        "A clear definition of coproduction that everyone can work towards and tailor for their own situation",
    ),
    # who-pays-for-what
    P("who-pays-for-what/title", "Clarity on joint commissioning and “who pays for what”"),
    P(
        "who-pays-for-what/ask-1",
        "National guidance on “who pays for what” across education, health and social care services",
    ),
    P("who-pays-for-what/ask-2", "including what should be jointly commissioned"),
    P(
        "who-pays-for-what/money-1",
        "In conjunction with a list of minimum services, clear guidance would eliminate the gaps, "
        "overlaps and disconnects in local commissioning and drive more joined up system working",
    ),
    P(
        "who-pays-for-what/money-2",
        "Local areas would know what they needed to commission themselves and what must be jointly commissioned",
    ),
    P(
        "who-pays-for-what/early-intervention",
        "Delays in delivering services as different parts of the system protect their own budgets would be eliminated",
    ),
    P(
        "who-pays-for-what/inclusion-1",
        "Schools would have greater clarity on the services they can access and who is responsible for providing them",
    ),
    P(
        "who-pays-for-what/inclusion-2",
        "This would enable them to support children in their existing settings",
    ),
    P(
        "who-pays-for-what/coproduction-1",
        "Proper funding and support for parent carer forums to ensure that they can engage successfully",
    ),
    P(
        "who-pays-for-what/coproduction-2",
        "This would be jointly funded from local authorities and health providers",
    ),
    # money-follows-child
    P("money-follows-child/title", "How the money is allocated and spent"),
    P("money-follows-child/ask", "A change in the funding for SEND in mainstream schools where"),
    P("money-follows-child/ask-follows", "some money follows the child"),
    P("money-follows-child/ask-ringfenced", "is ringfenced"),
    P("money-follows-child/ask-coproduction", "spent in coproduction with families"),
    P("money-follows-child/ask-transparency", "with improved transparency"),
    P(
        "money-follows-child/money-1",
        "Will encourage schools to identify SEND early and intervene early saving money across the system",
        "Will encourage schools to identify SEND early and intervene early, saving money across the system",
    ),
    P(
        "money-follows-child/money-2",
        "Linked to a clear definition of what constitutes SEND, will limit perverse incentives to over-identify SEND",
    ),
    P(
        "money-follows-child/money-3",
        "Greater coproduction and transparency over the use of SEND budgets will ensure that money "
        "is being spent effectively",
    ),
    P(
        "money-follows-child/early-intervention",
        "Removes the disincentives for schools to identify SEND early and intervening early for fears "
        "of draining notional SEND budgets",
        "Removes the disincentives for schools to identify SEND early and intervene early for fears "
        "of draining notional SEND budgets",
    ),
    P(
        "money-follows-child/inclusion",
        "No school should lose out financially because they support children with SEND well",
    ),
    P(
        "money-follows-child/coproduction",
        "Greater involvement and transparency for families around how the money assigned to their "
        "child’s setting is spent",
    ),
    # accountability-data
    P("accountability-data/title", "Accountability, inspections and data"),
    P(
        "accountability-data/ask-1",
        "Use the data gathered, and inspection processes to reinforce early intervention and "
        "inclusion and coproduction",
        "Use the data gathered, and inspection processes, to reinforce early intervention and "
        "inclusion and coproduction",
    ),
    P(
        "accountability-data/ask-2",
        "Remould the system so there is clarity and alignment on the responsibilities, powers and "
        "accountability of local authorities, schools and health services",
    ),
    P(
        "accountability-data/money-1",
        "Gather data around use of SEND budgets in schools in a similar way to pupil premium",
    ),
    P("accountability-data/money-2", "This should be published and available on the school website"),
    P(
        "accountability-data/early-intervention-1",
        "Collate statistics around requests for early help, how long the response takes and the "
        "support finally offered",
    ),
    P(
        "accountability-data/early-intervention-2",
        "Local area inspections can also review and encourage the culture and practice of early intervention",
    ),
    P(
        "accountability-data/inclusion-1",
        "Schools statistics re SEND to be scrutinised in relation local and regional norms",
        "Schools' statistics on SEND to be scrutinised in relation to local and regional norms",
    ),
    P("accountability-data/inclusion-2", "Gather data on unofficial exclusions"),
    P(
        "accountability-data/inclusion-3",
        "School inspections continue to increase their focus on early identification and help",
    ),
    P(
        "accountability-data/coproduction",
        "Gather metrics about the quality of both individual and strategic coproduction in an area",
    ),
    # workforce
    P("workforce/title", "Right people, right knowledge, right skills"),
    P(
        "workforce/ask",
        "A programme of workforce development to drive a culture of coproduction, early intervention and inclusion",
    ),
    P(
        "workforce/money-1",
        "Outlines methods for school leaders to increase transparency and coproduction around school "
        "budgets and individual provision",
    ),
    P(
        "workforce/money-2",
        "Showcase the benefits of strategic coproduction in producing the JSNA and related budgets and plans",
        "Showcase the benefits of strategic coproduction in producing the JSNA (joint strategic needs "
        "assessment) and related budgets and plans",
    ),
    P(
        "workforce/early-intervention-1",
        "Promote the practice and benefits of a culture of early intervention",
    ),
    P("workforce/early-intervention-2", "Listen to families and intervene early"),
    P("workforce/early-intervention-3", "Do some “mythbusting”"),
    P(
        "workforce/early-intervention-4",
        "i.e. that “admitting” that a young person has SEND does not cost more in the medium and long term",
        'that is, show that "admitting" a young person has SEND does not cost more in the medium and long term',
    ),
    P(
        "workforce/inclusion",
        "Workforce development to make sure that every member of school staff and governors understand "
        "the culture of inclusion",
    ),
    P("workforce/coproduction-1", "Create a strong leadership narrative around the value of coproduction"),
    P(
        "workforce/coproduction-2",
        "A simple “how to” guide for the sector supported by evidenced case studies",
        'A simple "how to" guide for the sector, supported by evidenced case studies',
    ),
    # Principles
    P("principle/coproduction-not-confrontation", "Coproduction not confrontation"),
    P("principle/person-centred", "Person centred not provision led"),
    P("principle/joint-working", "Joint working not silo working"),
    P(
        "principle/last-but-not-least",
        "Last but not least… Coproduction Coproduction Coproduction",
        "Last but not least... Coproduction, Coproduction, Coproduction",
    ),
    # What are we worried about?
    P("worries/heading", "What are we worried about?"),
    P("worries/one-voice", "Parents are just one voice in the review"),
    P("other-voices/lga", "Local Government Association"),
    P("other-voices/adcs", "Association of Directors of Children’s Services"),
    P("other-voices/ascl", "Association of Schools and Colleges"),
    P("other-voices/health", "Health Services"),
    P("other-voices/dfe", "Department for Education"),
    P("other-voices/treasury", "Treasury"),
    P("other-voices/not-everything", "We’re not going to get everything we ask for."),
    P("no-dilution-of-rights/title", "Any dilution of parental rights"),
    P(
        "no-dilution-of-rights/1",
        "The issue is not pushy parents, expectations that are too high or tribunals with too much power",
    ),
    P(
        "no-dilution-of-rights/2",
        "Some quarters have argued that the answer is to lower expectations, limit parental rights and "
        "clip the powers of the tribunal",
    ),
    P("no-dilution-of-rights/3", "We disagree with this"),
    P(
        "no-dilution-of-rights/4",
        "If the system identified and supported families to meet needs early, parents would not feel "
        "the need to go to tribunals and request a legal document to secure services",
    ),
    P(
        "aligned-incentives/must-be-aligned",
        "Incentives, responsibilities, powers and accountability must be aligned across these pieces of policy",
    ),
    P("aligned-incentives/send-review", "SEND review"),
    P("aligned-incentives/schools-white-paper", "Schools White Paper"),
    P("aligned-incentives/social-care-review", "Children’s social care review"),
    P("aligned-incentives/health-and-care-bill", "Health and Care Bill"),
    P("aligned-incentives/changing", "Lots of things are changing at the same time…"),
    P("implementation-plan/title", "Implementation is going to be key"),
    P("implementation-plan/1", "The principles of the 2014 reforms were right"),
    P("implementation-plan/2", "The implementation was wrong"),
    P("implementation-plan/3", "There was no clear implementation plan"),
    P(
        "implementation-plan/4",
        "The incentives and drivers of key players in the system was not understood",
        "The incentives and drivers of key players in the system were not understood",
    ),
    P("implementation-plan/5", "The targets and metrics were process driven, not outcome focused"),
    P("implementation-plan/6", "Not enough focus on culture change"),
    P("implementation-plan/7", "We must learn the lessons of 2014"),
    P(
        "implementation-plan/8",
        "The SEND reform must focus on a clear implementation plan that addresses these shortcomings",
    ),
    P(
        "implementation-plan/9",
        "A plan that incentives schools, local authorities, health providers and families to change outcomes",
        "a plan that incentivises schools, local authorities, health providers and families to change outcomes",
    ),
    # Context: headline and diagnosis ("What's gone wrong in the SEND system?")
    P("headline", "Children and Families Act 2014: The right reforms in the wrong environment"),
    P("diagnosis/money", "Money"),
    P("diagnosis/money-1", "There just isn’t enough money in the system"),
    P("diagnosis/money-2", "The money that is in the system isn’t being used effectively"),
    P("diagnosis/incentives", "Incentives and accountability of leaders"),
    P("diagnosis/incentives-1", "Schools aren’t incentivised to be inclusive"),
    P("diagnosis/incentives-2", "SEND is too often a low priority across health and social care"),
    P("diagnosis/incentives-3", "Poor accountability and few consequences for failure"),
    P("diagnosis/leaders", "Leaders, managers and staff aren’t equipped and supported to deliver"),
    P("diagnosis/leaders-1", "They don’t know the law"),
    P("diagnosis/leaders-2", "Haven’t made the cultural changes"),
    P("diagnosis/coproduction", "Not enough coproduction"),
    P(
        "diagnosis/coproduction-strategic",
        "Not enough coproduction Strategic",
        "Not enough strategic coproduction",
    ),
    P("diagnosis/coproduction-individual", "Strategic Individual", "Not enough individual coproduction"),
    # Context: "The problem in the SEND system"
    P("system/drivers", "System drivers"),
    P("system/drivers-1", "Players in the system are not incentivised to prioritise SEND"),
    P(
        "system/drivers-2",
        "Not enough money in the system so false economies are pursued",
        "Not enough money in the system, so false economies are pursued",
    ),
    P("system/drivers-3", "Lack of clarity about what should be provided and who should provide it"),
    P("system/impact", "Impact"),
    P("system/impact-1", "Children’s needs are not identified, understood and met promptly"),
    P("system/impact-2", "Families do not get the services they need and are entitled to"),
    P(
        "system/accountability-1",
        "There is a mismatch between responsibilities, powers and accountability in the system",
    ),
    P(
        "system/accountability-2",
        "Local authorities, schools, health commissioners and providers, regional schools commissioners, tribunals",
        "local authorities, schools, health commissioners and providers, regional schools commissioners and tribunals",
    ),
    P("system/impact-3", "Families have no simple means of redress"),
    P(
        "system/impact-4",
        "Needs escalate and new needs develop (e.g. behaviour, mental health)",
        "Needs escalate and new needs develop (for example behaviour, mental health)",
    ),
    P("system/impact-5", "Families reach crisis"),
    P("system/intervention", "Intervention"),
    P("system/intervention-1", "Finally the system sometimes acts"),
    P("system/intervention-2", "Too little too late"),
    P("system/intervention-3", "Conditions may have worsened, emotional cost, trust is lost"),
    P("system/intervention-4", "Families seek EHCPs and tribunals"),
    P("system/intervention-5", "Financial cost to system escalates"),
    P("system/culture", "The culture of coproduction is not embedded"),
    # Context: "What impact does this have?"
    P("impact/mainstream", "Too many children with SEND in mainstream schools have a poor experience"),
    P(
        "impact/ehcps",
        "Education Health and Care plans are of very mixed quality and often services are not being "
        "delivered even when written into a plan",
        "Education, health and care plans are of very mixed quality and often services are not being "
        "delivered even when written into a plan",
    ),
    P("impact/cliff-edge", "Families still face the cliff edge when their young person leaves education"),
    P("impact/health-waits", "Long waits for key health services"),
    P("impact/social-care", "Difficulties in accessing children’s social care"),
    P("consequence/anger", "Anger"),
    P("consequence/tribunals", "Tribunals"),
    P("consequence/trust", "Trust"),
    # Context: "The whole sector agrees"
    P("evidence/select-committee", "Education Select Committee report into SEND"),
    P("evidence/nao", "National Audit Office report into SEND"),
    P("evidence/timpson", "Timpson review on school exclusions"),
    P("evidence/ofsted-cqc", "Findings from Ofsted and CQC local area inspections"),
    P("evidence/ofsted-framework", "The new Ofsted school inspection framework"),
    P("evidence/redress", "Findings from the Single Route of Redress national trial"),
    P("evidence/sec", "Special educational consortium has issued key position statements"),
    P("evidence/dcp", "The Disabled Children’s Partnership has been highlighting issues"),
    # Context: "The problem is NOT"
    P("not-the-problem/pushy-parents", "Pushy parents"),
    P("not-the-problem/expectations", "Expectations too high"),
    P("not-the-problem/tribunal", "Tribunal is too powerful"),
    P("supply/demand", "This is NOT a problem with DEMAND"),
    P("supply/supply", "This is a problem with SUPPLY"),
    P(
        "supply/no-crisis",
        "If families could get the right services at the right time, there would be no crisis",
    ),
    # Timeline: NNPCF involvement
    P("involvement/initial-discussions", "Initial discussions about the set up of the review"),
    P("involvement/not-on-board", "NNPCF not on the review board"),
    P("involvement/events", "National and regional events with PCFs"),
    P("involvement/halts", "Coronavirus halts most work on the review"),
    P("involvement/steering-group", "NNPCF invited to join new SEND review steering group"),
    P("involvement/reviewing", "Reviewing proposals and drafts (not drafting ourselves!)"),
    # What happens next: the Green Paper
    P(
        "next/green-paper-definition",
        "A Green Paper is “a preliminary report of government proposals that is published in order "
        "to provoke discussion.”",
    ),
    P("next/consultation-12-weeks", "There is a minimum 12 week consultation period"),
    P(
        "next/dfe-national-event",
        "The DfE have committed to at least one national consultation event with PCFs",
    ),
    P(
        "next/dfe-regional-events",
        "and one consultation event in each region",
        "The DfE have committed to one consultation event in each region",
    ),
    P(
        "next/other-opportunities",
        "There will be other opportunities for parent carers and forums to contribute",
    ),
    P("next/questions", "There will be a series of questions that anyone can submit responses to"),
    P(
        "next/white-paper-definition",
        "The Green Paper will move onto a White Paper which a “policy document produced by the "
        "Government that set out their proposals for future legislation.”",
        'The Green Paper will move onto a White Paper, which is a "policy document produced by the '
        'Government that set out their proposals for future legislation."',
    ),
    P("next/bill", "and in turn onto a Bill", "will in turn move onto a Bill"),
    P(
        "next/act",
        "an Act of Parliament which is when it becomes law",
        "an Act of Parliament, which is when it becomes law",
    ),
    P(
        "next/timescale",
        "This will be a timescale of up 18 months to 2 years",
        "this will be a timescale of up to 18 months to 2 years",
    ),
    # NNPCF engagement
    P(
        "engagement/statement",
        "We will issue a statement shortly after the publication of the Green Paper which will set out",
    ),
    P(
        "engagement/statement-contents",
        "What we asked for What we agree with What we disagree with",
        "what we asked for, what we agree with and what we disagree with",
    ),
    P(
        "engagement/survey",
        "We are working with other parental organisations to issue a large scale survey of parents",
    ),
    P("engagement/more-responses", "more responses = more influence"),
    P(
        "engagement/national-event",
        "We will organise a national engagement event with the Department for Education",
    ),
    P("engagement/regional-events", "We will organise regional events in each of the nine NNPCF regions"),
    P("engagement/formal-response", "We will submit a formal NNPCF response to the Green Paper"),
    P(
        "engagement/local-forums",
        "local forums should do the same and encourage parents to respond personally",
    ),
]


@pytest.mark.parametrize(("seed_phrase", "data_phrase"), PHRASES)
def test_phrase_is_in_seed_and_data(seed_phrase: str, data_phrase: str, seed_text: str, data_text: str) -> None:
    assert norm(seed_phrase) in seed_text, f"table drifted from the deck: {seed_phrase!r}"
    assert norm(data_phrase) in data_text, f"missing from the data: {data_phrase!r}"


# --- timeline: every milestone of the deck, with the deck's date --------------------

DECK_MILESTONES = [
    ("review-set-up", "Review set up", "September 2019"),
    ("election-called", "Election called", "November 2019"),
    ("new-government", "New government", "January 2020"),
    ("coronavirus", "Coronavirus", "March 2020"),
    ("initial-report", "Initial Report", "Spring 2021"),
    (
        "schools-white-paper-and-care-review",
        "Schools white paper and Children’s social care review",
        "Spring 2021",
    ),
    ("send-review-reboot", "SEND review reboot", "September 2021"),
    ("government-reshuffle", "Government reshuffle", "September 2021"),
    ("green-paper", "Green Paper", None),
]


# Steps the deck still expected that public sources record as done, with the date they give.
# Only these may differ from the deck's view (pending or expected, undated); each must name a
# public source.
REAL_RECORD = {
    "green-paper": "29 March 2022",
    "nnpcf-statement": "29 March 2022",
    "consultation": "29 March 2022",
    "parent-survey": "June 2022",
}
# Steps the deck planned that public sources show never happened: the deck's words and date stay,
# the status says so, and the source names the public record.
DID_NOT_HAPPEN = {"initial-report", "white-paper", "bill", "act"}


@pytest.mark.parametrize(("mid", "title", "date"), DECK_MILESTONES, ids=[m[0] for m in DECK_MILESTONES])
def test_deck_milestone(mid: str, title: str, date: str | None, seed_text: str, milestones: dict[str, Any]) -> None:
    # The deck prints each date straight under its title.
    expected = f"{title} {date}" if date else title
    assert norm(expected) in seed_text
    milestone = milestones[mid]
    assert norm(milestone["title"]) == norm(title)
    assert milestone.get("date") == REAL_RECORD.get(mid, date)
    if mid in DID_NOT_HAPPEN:
        assert milestone["status"] == "did-not-happen"
        assert "https://" in milestone["source"], "what did not happen names its public record"
    else:
        assert milestone["status"] == ("pending" if milestone.get("date") is None else "done")
    assert milestone.get("source")


NEXT_STEPS = {
    # id: category
    "consultation": "review",
    "dfe-national-consultation-event": "engagement",
    "dfe-regional-consultation-events": "engagement",
    "white-paper": "legislation",
    "bill": "legislation",
    "act": "legislation",
    "nnpcf-statement": "engagement",
    "parent-survey": "engagement",
    "national-engagement-event": "engagement",
    "regional-events": "engagement",
    "formal-response": "engagement",
}


@pytest.mark.parametrize(("mid", "category"), sorted(NEXT_STEPS.items()), ids=sorted(NEXT_STEPS))
def test_next_step_is_expected_and_undated(mid: str, category: str, milestones: dict[str, Any]) -> None:
    milestone = milestones[mid]
    if mid in REAL_RECORD:
        assert (milestone["status"], milestone["date"]) == ("done", REAL_RECORD[mid])
        assert "https://" in milestone["source"], "the real record names its public source"
    elif mid in DID_NOT_HAPPEN:
        assert milestone["status"] == "did-not-happen"
        assert "date" not in milestone
        assert "https://" in milestone["source"], "what did not happen names its public record"
    else:
        assert milestone["status"] == "expected"
        assert "date" not in milestone
    assert milestone["category"] == category
    assert milestone.get("source")


def test_timeline_notes_carry_the_deck_details(milestones: dict[str, Any]) -> None:
    assert "at least 12 weeks" in norm(milestones["consultation"]["notes"]) or (
        "minimum 12 week" in norm(milestones["consultation"]["notes"])
    )
    assert "18 months to 2 years" in norm(milestones["act"]["notes"])
    assert "preliminary report of government proposals" in norm(milestones["green-paper"]["notes"])
    assert "policy document" in norm(milestones["white-paper"]["notes"])
    assert "spring 2021" in norm(milestones["initial-report"]["source"])


_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}


def _date_key(text: str) -> tuple[int, int, int]:
    """Year, month, day (0 for a month or season, so it sorts before that month's days; 0 and 0
    for a year alone)."""
    if text.isdigit():
        return int(text), 0, 0
    *day, word, year = text.lower().split()
    return int(year), _MONTHS.get(word) or _SEASONS[word], int(day[0]) if day else 0


def test_timeline_is_ordered_by_date_undated_last(timeline: Any) -> None:
    dates = [m.get("date") for m in timeline["milestones"]]
    dated = [d for d in dates if d is not None]
    assert dates[: len(dated)] == dated, "undated milestones must come last"
    keys = [_date_key(d) for d in dated]
    assert keys == sorted(keys)


def test_timeline_fields(timeline: Any) -> None:
    assert set(timeline) == {"milestones", "periods", "rules"}
    ids = [m["id"] for m in timeline["milestones"]]
    assert len(ids) == len(set(ids))
    for m in timeline["milestones"]:
        fields = {
            "id",
            "title",
            "date",
            "status",
            "category",
            "notes",
            "source",
            "planned",
            "record",
            "stage",
            "document_date",
        }
        assert set(m) <= fields, m["id"]
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", m["id"])
        assert m["status"] in {"done", "expected", "pending", "did-not-happen"}
        assert m["category"] in {
            "review",
            "politics",
            "external",
            "related-policy",
            "engagement",
            "legislation",
        }
        assert m.get("source"), m["id"]


def test_involvement_periods(timeline: Any) -> None:
    # The deck's three periods come first; any after them are the real record's.
    periods = [(p["from"], p["to"], [norm(line) for line in p["involvement"]]) for p in timeline["periods"]]
    assert periods[:3] == [
        (
            "review-set-up",
            "coronavirus",
            [
                "initial discussions about the set up of the review",
                "nnpcf not on the review board",
                "national and regional events with pcfs",
            ],
        ),
        ("coronavirus", "send-review-reboot", ["coronavirus halts most work on the review"]),
        (
            "send-review-reboot",
            "green-paper",
            [
                "nnpcf invited to join new send review steering group",
                "reviewing proposals and drafts (not drafting ourselves!)",
            ],
        ),
    ]
    for p in timeline["periods"]:
        assert set(p) == {"from", "to", "involvement"}


# --- the ask catalogue: ids are a contract ----------------------------------------

REQUIRED = {
    "july-2019": ("ask", ["proper-funding", "cross-government-strategy"]),
    "conference-2019": (
        "ask",
        [
            "listen-early",
            "enough-money",
            "align-incentives",
            "more-accountability",
            "right-skills",
            "lifelong-outcomes",
            "coproduction",
        ],
    ),
    "silver-bullets": (
        "ask",
        [
            "minimum-standards",
            "who-pays-for-what",
            "money-follows-child",
            "accountability-data",
            "workforce",
        ],
    ),
    "principles": ("principle", ["coproduction-not-confrontation", "person-centred", "joint-working"]),
    "worries": ("red-line", ["no-dilution-of-rights", "aligned-incentives", "implementation-plan"]),
}
LENSES = ["money", "early-intervention", "inclusion", "coproduction"]
LENS_IDS = [f"{bullet}/{lens}" for bullet in REQUIRED["silver-bullets"][1] for lens in LENSES]


@pytest.mark.parametrize("group", list(REQUIRED))
def test_required_asks(group: str, recs: Any, asks: dict[str, Any]) -> None:
    kind, ids = REQUIRED[group]
    assert group in {g["id"] for g in recs["groups"]}
    in_group = [a["id"] for a in recs["asks"] if a["group"] == group]
    assert in_group == ids, "the group holds exactly these asks, in the deck's order"
    for ask_id in ids:
        assert asks[ask_id].get("kind", "ask") == kind


@pytest.mark.parametrize("lens_id", LENS_IDS)
def test_lens_ids(lens_id: str, asks: dict[str, Any]) -> None:
    bullet, lens = lens_id.split("/")
    points = {entry["lens"]: entry["text"] for entry in asks[bullet]["lenses"]}
    assert points.get(lens, "").strip()


def test_lenses_only_on_silver_bullets_in_order(recs: Any) -> None:
    for ask in recs["asks"]:
        if ask["group"] == "silver-bullets":
            assert [entry["lens"] for entry in ask["lenses"]] == LENSES, ask["id"]
            assert all(set(entry) == {"lens", "text"} for entry in ask["lenses"])
            assert ask.get("text"), ask["id"]
        else:
            assert "lenses" not in ask, ask["id"]


def test_catalogue_fields(recs: Any) -> None:
    assert set(recs) == {"groups", "asks", "context"}
    for group in recs["groups"]:
        assert set(group) <= {"id", "title", "label", "date", "intro"}
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", group["id"])
    ids = [a["id"] for a in recs["asks"]]
    assert len(ids) == len(set(ids))
    for ask in recs["asks"]:
        assert set(ask) <= {"id", "group", "kind", "title", "text", "supports", "lenses", "keywords"}, ask["id"]
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ask["id"])
        assert ask.get("kind", "ask") in {"ask", "principle", "red-line"}
    assert set(recs["context"]) <= {
        "headline",
        "diagnosis",
        "system",
        "impacts",
        "consequences",
        "evidence",
        "not_the_problem",
        "supply_not_demand",
        "other_voices",
        "challenges",
        "levers",
    }
    for theme in [*recs["context"]["diagnosis"], *recs["context"]["system"]]:
        assert set(theme) == {"title", "points"}


def test_supports_point_at_other_known_asks(recs: Any, asks: dict[str, Any]) -> None:
    for ask in recs["asks"]:
        for target in ask.get("supports", []):
            assert target in asks, (ask["id"], target)
            assert target != ask["id"]
    assert set(asks["money-follows-child"]["supports"]) >= {"enough-money", "align-incentives"}
    assert "right-skills" in asks["workforce"]["supports"]
    for bullet in REQUIRED["silver-bullets"][1]:
        assert asks[bullet].get("supports"), bullet


def test_context_lists(recs: Any) -> None:
    context = recs["context"]
    assert context["consequences"] == ["Anger", "Tribunals", "Trust"]
    assert context["levers"] == ["money", "legislation", "inspection", "data"]
    assert context["not_the_problem"] == [
        "Pushy parents",
        "Expectations too high",
        "Tribunal is too powerful",
    ]
    assert len(context["evidence"]) == 8
    assert len(context["impacts"]) == 5
    assert len(context["challenges"]) == 4
    assert norm(context["other_voices"][-1]) == "we're not going to get everything we ask for."


# --- the files themselves -----------------------------------------------------------


@pytest.mark.parametrize("path", [RECOMMENDATIONS, TIMELINE], ids=lambda p: p.name)
def test_yaml_is_clean(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "\t" not in text
    data = yaml.load(text, Loader=_UniqueKeyLoader)  # raises on a duplicate key
    for value in _scalars(data):
        # YAML 1.1 surprises (yes/no, numbers, dates) would not be strings.
        assert isinstance(value, str), repr(value)


def test_seed_copy_is_the_deck() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert text.lstrip().startswith("History and context")
    assert "NNPCF \n\nengagement" in text
