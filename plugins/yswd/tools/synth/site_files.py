"""The files around the records: mkdocs.yml, the organisation's settings, the strategy, the home page.

They belong to an invented organisation; `Organisation` holds what the records share with them.
"""

from __future__ import annotations

from dataclasses import dataclass

from yswd.site import routes

from .phrases import GROUPS, TYPES
from .text import scalar

REQUIRED_APPROVALS = 2
COMMITMENTS = ["young-voices", "seldom-heard", "close-the-loop", "steady-programme", "reach-more-people", "plain-english"]
"""The ids of the strategy's commitments below, which records cite."""


@dataclass
class Organisation:
    """The invented organisation a synthetic site belongs to."""

    name: str
    area: str
    domain: str
    localities: dict[str, str]
    topics: dict[str, str]


MKDOCS_YML = """\
site_name: "You said, we did: {area}"
site_description: What people told {name}, and what we did about it. (A synthetic site made by yswd synth.)
site_url: https://engage.{domain}.example.nhs.uk/
docs_dir: content
copyright: {name}

theme:                   # the yswd plugin adds its accessible theme
  name: material
  language: en
  features:
    - navigation.sections
  palette:
    scheme: default
    primary: custom
    accent: custom

plugins:
  - yswd                 # search comes from yswd (Pagefind)

markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - tables
  - toc:
      permalink: true
  - pymdownx.details

nav:
  - Home: index.md
  - Get involved: get-involved.md
"""
"""The theme, extensions and plugins of the repository's own mkdocs.yml (a test keeps them equal)."""

GLOSSARY = """\
# Jargon we sometimes use, what it stands for, and the plain words to use instead.
ICB:
  expansion: Integrated Care Board
  plain: the NHS body that plans and pays for health services in our area
ICS:
  expansion: Integrated Care System
  plain: the NHS, councils and local charities working together on health and care
PCN:
  expansion: Primary Care Network
  plain: a group of GP practices working together
GP:
  expansion: General Practitioner
  plain: a family doctor at your local surgery
PPG:
  expansion: Patient Participation Group
  plain: a group of patients who help their GP practice improve
"A&E":
  expansion: Accident and Emergency
  plain: the hospital emergency department, for serious or life-threatening problems
CAMHS:
  expansion: Child and Adolescent Mental Health Services
  plain: NHS mental health services for children and young people
VCSE:
  expansion: Voluntary, Community and Social Enterprise sector
  plain: local charities and community groups
"""


STRATEGY_YML = """\
title: Public and patient participation strategy
period: {{start: 2023-04-01, end: 2027-03-31}}

vision: >-
  Everyone who lives in {area} should have a fair chance to shape the
  health services they use. We will be open about what we can and cannot
  change, and we will **always tell people what happened** as a result of
  what they told us.

objectives:
  - Involve local people early, while there is still time for their views to change our plans.
  - Hear more from the people and communities we hear from least.
  - Show clearly, in a **you said, we did** record, what changed because people spoke to us.

principles:
  - "**Start early.** We ask before decisions are made, not after."
  - "**Go to people.** We visit community groups, markets and schools."
  - "**Close the loop.** Everyone who takes part hears back from us."

methods:
  - id: practice-patient-groups
    name: GP practice patient groups
    description: Every GP practice has a *patient participation group* of volunteers.
    join: Ask at your GP practice's reception desk how to join its patient group.
  - id: reader-panel-method
    name: Reader panel
    description: Volunteers read what we publish and approve each record before it goes on this site.
  - id: community-outreach-method
    name: Community outreach
    description: We go to the places people already are.

commitments:
  - id: young-voices
    text: Hear much more from young people aged 16 to 25.
    measure: Share of all participants who are young people
    metric: group-share
    group: young-people
    target: 15
    due: 2027-03-31
  - id: seldom-heard
    text: Hear from people on low incomes in proportion to the local population.
    measure: Share of all participants on low incomes
    metric: group-share
    group: people-on-low-incomes
    target: 20
    due: 2026-03-31
  - id: close-the-loop
    text: Tell people what happened after every engagement.
    measure: Share of engagements where we reported back to participants
    metric: feedback-given-share
    target: 90
    due: 2026-03-31
  - id: steady-programme
    text: Run a steady programme of engagement across all our services and places.
    measure: Number of published engagements in the strategy period
    metric: engagement-count
    target: 40
    due: 2027-03-31
  - id: reach-more-people
    text: Reach more local people each year.
    measure: Total number of people who took part in the strategy period
    metric: participants
    target: 20000
    due: 2027-03-31
  - id: plain-english
    text: Have our reader panel check every public document about a change to services.
    measure: Per cent of public documents checked by the reader panel
    target: 100
    due: 2027-03-31

easy_read:
  - text: We plan and pay for NHS services in {area}.
  - text: We want to hear what you think about these services.
  - text: We will always tell you what we did with your views.
"""
"""The strategy, with every commitment metric the content format has ({area} filled in)."""


def mkdocs_yml(org: Organisation) -> str:
    return MKDOCS_YML.format(area=org.area, name=org.name, domain=org.domain)


def organisation_yml(org: Organisation, ods_code: str | None = None) -> str:
    lines = [
        "# Who publishes this site, and the lists (taxonomies) every record uses.",
        "# A synthetic organisation made by yswd synth: every name is invented.",
        f"name: {org.name}",
        f"short_name: {org.area} ICB",
        *([f"ods_code: {ods_code}"] if ods_code else []),
        f"area: {org.area}",
        f"contact_email: engagement@{org.domain}.example.nhs.uk",
        "financial_year_start_month: 4",
        "",
        "localities:",
        *(f"  {key}: {scalar(label)}" for key, label in org.localities.items()),
        "",
        "topics:",
        *(f"  {key}: {scalar(label)}" for key, label in org.topics.items()),
        "",
        "groups:",
        *(f"  {key}: {scalar(label)}" for key, label in GROUPS.items()),
        "",
        "engagement_types:",
        *(f"  {key}: {scalar(label)}" for key, (label, _, _) in TYPES.items()),
        "",
        "review:",
        f"  required_approvals: {REQUIRED_APPROVALS}",
        "",
        "personal_data:",
        "  small_number: 5",
        "",
    ]
    return "\n".join(lines)


def strategy_yml(org: Organisation) -> str:
    return STRATEGY_YML.format(area=org.area)


def index_md(org: Organisation) -> str:
    return f"""\
# You said, we did

{org.name} plans and pays for NHS services for everyone who lives in
{org.area}. We ask local people what they think before we make decisions, and
we tell you what we did with what you said.

- [See everything you told us, and what we did]({routes.everything()})
- [Find engagements by topic]({routes.facet('topic')}), [by place]({routes.facet('locality')}) or [by year]({routes.facet('year')})
- [How to get involved](get-involved.md)

!!! note "This is a synthetic site"
    Every engagement here was made up by `yswd synth` for testing. None of it is real.
"""


def get_involved_md(org: Organisation) -> str:
    return f"""\
# Get involved

There are many ways to tell us what you think about health services in {org.area}.

| Way to take part | How often |
|---|---|
| Join your GP practice's patient group (PPG) | Usually every two months |
| Join the reader panel | When we have something to read |
| Answer our surveys | Several times a year |

Ask at your GP practice, or see what is [open now]({routes.everything()}).
"""
