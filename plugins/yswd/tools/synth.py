"""Synthetic sites: a complete, valid site of any size, the same every time for a seed.

`yswd synth --records N --out DIR` writes what a real site repository holds (mkdocs.yml,
site_config/, the home page, the strategy and N engagement records spread across folders
and financial years) so that benchmarks and tests can work at the scale of a national
body publishing tens of thousands of records.

Every field of the content format is used, with realistic variety: a few per cent of
records are drafts, in review or withdrawn; aims are met and missed; actions have every
status, with timelines; some records have aliases, attached files, web documents and
commitments from the strategy; published records carry the reader-panel approvals the
organisation requires. The text is made from phrase banks, never from real people: it
holds no e-mail addresses (except the organisation's public contact), phone numbers,
postcodes, NHS numbers or dates of birth.

Only `random.Random(seed)` decides anything: no clock, no hash order, no file system
order. The same seed and size give a byte-identical tree.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from yswd.dates import FinancialYear

AS_OF = date(2026, 3, 31)
"""The corpus is written as if on this date: actions done by then, later ones planned."""

FIRST_START = date(2020, 4, 1)
LAST_START = date(2026, 9, 30)
REQUIRED_APPROVALS = 2

MKDOCS_YML = """\
site_name: "You said, we did: {area}"
site_description: What people told {name}, and what we did about it. (A synthetic site made by yswd synth.)
site_url: https://engage.{domain}.example.nhs.uk/
docs_dir: content
copyright: {name}

theme:
  name: material
  custom_dir: site_config/overrides
  language: en
  font: false            # no externally hosted fonts: a visitor's health interest is private
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

# --- phrase banks -------------------------------------------------------------------------

AREAS = [
    ("Northmere and Dunstow", "northmere-dunstow"),
    ("Calderbrook and the Fells", "calderbrook-fells"),
    ("Ashcombe Vale", "ashcombe-vale"),
    ("Merrowfield and Tarnley", "merrowfield-tarnley"),
    ("Brackenmoor", "brackenmoor"),
]

PLACES = [
    "Northmere town", "Dunstow", "Kelby Marsh", "Oldharbour", "Wrenford", "Saltcote",
    "Hollins Green", "Brackley Edge", "Eastwick", "Tarnley", "Fellside villages", "Mossbridge",
    "Pennock", "Lowther Bay", "Ravensholme", "Stainby", "Coldwater", "Ashby Cross",
]

TOPICS: dict[str, tuple[str, list[str]]] = {
    "mental-health": ("Mental health", ["talking therapies", "the crisis line", "community mental health teams", "the crisis cafe"]),
    "maternity": ("Maternity and neonatal care", ["scan appointments", "antenatal classes", "the birth centre", "postnatal support"]),
    "gp-access": ("GP and primary care access", ["GP appointments", "the practice phone line", "online consultations", "home visits"]),
    "urgent-care": ("Urgent and emergency care", ["the urgent treatment centre", "the minor injuries unit", "NHS 111", "A&E"]),
    "childrens-services": ("Children and young people's services", ["speech and language therapy", "CAMHS", "school nursing", "children's community nursing"]),
    "community-services": ("Community health services", ["district nursing", "community physiotherapy", "podiatry", "the falls service"]),
    "cancer": ("Cancer care and screening", ["bowel screening", "breast screening", "cervical screening", "the cancer support centre"]),
    "pharmacy": ("Pharmacy and medicines", ["community pharmacies", "repeat prescriptions", "Pharmacy First", "medicines reviews"]),
    "learning-disability": ("Learning disability and autism", ["annual health checks", "autism assessment", "easy read letters", "the learning disability nursing team"]),
    "dementia": ("Dementia", ["memory assessment", "dementia cafes", "dementia advisers", "respite care"]),
    "stroke": ("Stroke care", ["stroke rehabilitation", "the stroke unit", "early supported discharge", "stroke clubs"]),
    "patient-transport": ("Patient transport", ["non-emergency patient transport", "hospital shuttle buses", "the community car scheme", "transport booking"]),
    "digital-access": ("Digital access and online services", ["the NHS App", "video appointments", "online booking", "the practice website"]),
    "hospital-discharge": ("Leaving hospital", ["hospital discharge", "care after discharge", "discharge letters", "home from hospital support"]),
    "carers-support": ("Support for unpaid carers", ["carers' breaks", "carers' assessments", "carer support groups", "young carers' support"]),
    "interpreting": ("Interpreting and accessible information", ["interpreting services", "British Sign Language interpreters", "translated letters", "accessible information"]),
    "end-of-life": ("End of life care", ["hospice at home", "advance care planning", "bereavement support", "palliative care nursing"]),
    "dentistry": ("Dental care", ["NHS dentists", "urgent dental care", "children's dental checks", "dental care in care homes"]),
}

GROUPS = {
    "young-people": "Young people (16-25)",
    "older-people": "Older people (65 and over)",
    "ethnic-minorities": "People from ethnic minority communities",
    "carers": "Unpaid carers",
    "disabled-people": "Disabled people",
    "lgbtq": "LGBTQ+ people",
    "people-on-low-incomes": "People on low incomes",
    "people-with-learning-disabilities": "People with a learning disability",
    "rural-residents": "People living in rural villages",
    "armed-forces": "Armed forces veterans and families",
}

TYPES: dict[str, tuple[str, list[str], str]] = {
    # key: (label, methods, title pattern)
    "survey": ("Survey", ["online survey", "paper survey", "easy read survey", "phone survey"], "{Service} survey"),
    "formal-consultation": ("Formal consultation", ["public meetings", "online questionnaire", "drop-in sessions", "meetings with community groups"], "Consultation on changes to {service}"),
    "ppg-meeting": ("Patient participation group meeting", ["PPG meeting", "PPG network meeting", "joint meeting of patient groups"], "{Place} patient groups on {service}"),
    "patient-story": ("Patient story", ["one-to-one interview", "recorded story", "story shared at the board"], "A patient's story of {service}"),
    "reader-panel": ("Reader panel review", ["reader panel review", "easy read panel review"], "Reader panel review of {service} leaflets"),
    "focus-group": ("Focus group", ["focus groups", "small group discussions", "online focus group"], "Focus groups on {service}"),
    "public-event": ("Public event or drop-in", ["drop-in sessions", "stall at the market", "health fair", "library drop-ins"], "{Place} drop-ins about {service}"),
    "co-design-workshop": ("Co-design workshop", ["co-design workshops", "site visits", "prototype testing"], "Designing {service} together"),
    "community-outreach": ("Community outreach", ["visits to community groups", "conversations at food banks", "outreach at places of worship", "stalls at school gates"], "Listening in the community about {service}"),
}

THEMES = [
    # (id, theme, actions, reasons why an action was not taken forward)
    ("waits", "Waiting too long for {service}", [
        "We funded extra sessions for {service} on Saturdays.",
        "We set a maximum wait for {service} and publish progress against it every month.",
        "We moved staff from other clinics to cut the waiting list for {service}.",
    ], ["There is no money this year for extra sessions; we will look again at next year's budget."]),
    ("booking", "Booking {service} is hard", [
        "We added a call-back option so nobody waits on hold to book {service}.",
        "We made it possible to book {service} online, by phone or in person.",
    ], ["The booking system is run nationally, so we cannot change it locally. We have passed the feedback on."]),
    ("information", "There is not enough clear information about {service}", [
        "We rewrote the leaflet about {service} with the reader panel.",
        "We put plain-English information about {service} on the website and in every practice.",
    ], ["A national leaflet is on its way, so we did not write our own."]),
    ("travel", "Getting to {service} is difficult without a car", [
        "We agreed a new bus stop outside the building where {service} runs.",
        "We now offer {service} at three community venues as well as the hospital.",
    ], ["The bus company would not change the route. We are offering more appointments closer to home instead."]),
    ("opening-hours", "{Service} should open in the evenings and at weekends", [
        "We extended the opening hours of {service} to 8pm on weekdays.",
        "We started a Saturday morning session for {service}.",
    ], ["Too few staff are available to open later safely. We will review this after recruitment."]),
    ("listening", "Staff did not always listen or explain things", [
        "All staff working in {service} did communication training designed with patients.",
        "We added a short 'what matters to you' question to every appointment.",
    ], []),
    ("continuity", "Seeing a different person every time", [
        "Each person using {service} now has a named worker.",
        "We changed the rota so people see the same clinician where possible.",
    ], ["Named workers for everyone would mean longer waits; we chose shorter waits."]),
    ("digital-exclusion", "Online-only booking leaves people out", [
        "We kept a phone and walk-in option for {service} alongside online booking.",
        "Volunteers now help people use the NHS App in libraries.",
    ], []),
    ("interpreters", "Interpreters are hard to get", [
        "Interpreters can now be booked at the same time as the appointment.",
        "We made a new contract with an interpreting service that covers more languages.",
    ], ["The current contract runs for another year; the new requirements are in the next one."]),
    ("carers-involved", "Carers are not involved in planning care", [
        "We added a carers' section to every care plan for {service}.",
        "Carers are now invited to discharge and review meetings.",
    ], []),
    ("follow-up", "Nobody followed up afterwards", [
        "Everyone who uses {service} now gets a follow-up call within a week.",
        "We send a letter explaining what happens next after each appointment.",
    ], ["A follow-up call for everyone was not affordable; people who need one are now flagged instead."]),
    ("young-people", "{Service} does not feel designed for young people", [
        "Young people redesigned the waiting area and the text messages for {service}.",
        "We started a drop-in session for young people aged 16 to 25.",
    ], []),
    ("accessibility", "The building is hard to get into with a wheelchair", [
        "We fitted automatic doors and a lower reception desk.",
        "{Service} moved to a ground-floor room with level access.",
    ], ["The building is listed, so the entrance cannot be changed. A side entrance with a ramp is now signposted."]),
    ("parking", "Parking costs too much and is hard to find", [
        "Blue badge holders and carers now park free.",
        "We worked with the council on extra parking spaces near {service}.",
    ], ["The car park belongs to the council, which has decided not to change its charges."]),
    ("privacy", "Reception is not private enough", [
        "We added a private room where people can talk to reception staff.",
        "Reception screens now show a number instead of a name.",
    ], []),
    ("letters", "Letters use jargon and arrive late", [
        "Letters about {service} were rewritten in plain English and are now sent by text as well.",
        "The reader panel now checks every standard letter before it is used.",
    ], []),
]

QUOTES = [
    "I didn't know who to ring, so I just waited.",
    "The staff were lovely once I got there. Getting there was the hard part.",
    "I had to tell my story three times to three different people.",
    "It felt like nobody had read my notes.",
    "I'd have come in the evening if I could. I can't take time off work.",
    "My mum doesn't use the internet, so she was stuck.",
    "Just tell me how long I'll be waiting and I can plan around it.",
    "The leaflet was full of words I had to look up.",
    "Being asked what mattered to me made all the difference.",
    "We felt listened to for the first time.",
    "I was worried about what it would cost me to get there.",
    "It was hard to talk about it at the front desk with people listening.",
]

DETAILS = [
    "People told us this in every **locality**, and most often in the survey's free-text answers.",
    "This came up most among people who work shifts, and among carers.\n\n- some had given up trying\n- others asked a relative to help",
    "It was the *most common* theme in the drop-in sessions.",
    "Several people said the problem was worse in winter.",
    "Younger people raised this more than older people, who preferred the phone.",
    "Staff agreed with this. Some said they found it frustrating too.",
]

UPDATES = [
    "Funding agreed by the board.",
    "Project group set up, including two patient representatives.",
    "Draft plan shared with the people who took part.",
    "Staff recruited and training under way.",
    "Pilot started in two practices.",
    "Pilot reviewed; it will carry on with small changes.",
    "New leaflet checked by the reader panel.",
    "Contract signed with the provider.",
    "Building work finished.",
    "Delayed by staff shortages; a new date has been set.",
    "First monthly figures published.",
    "Rolled out across the whole area.",
]

OWNERS = [
    "{Topic} commissioning team", "Primary care team", "Communications and engagement team",
    "Estates team", "Quality team", "Contracts team", "Digital team", "Medicines optimisation team",
    "Community services team", "Patient experience team",
]

FEEDBACK = [
    "A letter to everyone who asked to hear back, and posters in the places we visited.",
    "A 'you said, we did' summary on this website and in the local newsletter.",
    "We went back to the same community groups to explain what had changed.",
    "A text message to everyone who took part and agreed to be contacted.",
    "A short film shared on social media and shown in waiting rooms.",
    "An easy read summary sent to everyone who took part.",
]

IMPACTS = [
    "Waiting times fell from **nine weeks to four** within six months.",
    "More people now attend: the number of missed appointments has halved.",
    "The new service is used by around 200 people a month, and people rate it highly.",
    "Complaints about this service fell by a third in the following year.",
    "People who took part now sit on the group that oversees the service.",
    "The changes were copied by two neighbouring areas.",
]

COMMENTS = [
    "Clear and easy to follow.",
    "Explain what PCN means.",
    "The summary is too long: cut it to two sentences.",
    "Say when people will hear back.",
    "Good, but add what happened to the Saturday clinic.",
    "Please use plain words instead of jargon.",
]

BODY_OPENINGS = [
    "We wanted to understand how people experience {service} in {place}, and what would make it better.",
    "This engagement started because people kept raising {service} at patient group meetings.",
    "Before changing {service}, we wanted to hear from the people who use it and the people who find it hard to use.",
    "Local community groups asked us to look again at {service}. We agreed to listen first.",
]

BODY_MIDDLES = [
    "We worked with local charities to reach people we do not often hear from, including carers and people on low incomes.",
    "Everyone could take part online, on paper or by talking to us in person. Easy read and translated versions were available on request.",
    "We paid people with lived experience for their time, in line with our involvement policy.",
    "The {pcn} in {place} helped us share the survey through every GP practice.",
    "We visited markets, libraries and community centres so that people did not have to come to us.",
    "Staff from the {ics} joined the sessions to answer questions directly.",
]

BODY_ENDINGS = [
    "We will report back on progress on this page.",
    "The actions above are tracked by our patient experience group every quarter.",
    "Thank you to everyone who took the time to tell us what they think.",
    "If you want to know more, ask at your GP practice or visit the website.",
]

SUMMARY = [
    "We asked people about {service} and what would make it better.",
    "People who use {service} told us what works and what does not.",
    "We listened to patients, carers and staff about {service} in {place}.",
    "Before making changes to {service}, we asked local people for their views.",
]

TAKE_PART = [
    "Fill in the survey at https://engage.{domain}.example.nhs.uk/have-your-say, or ask for a paper copy at any GP practice.",
    "Come to a drop-in session at your local library, or answer online at https://engage.{domain}.example.nhs.uk/have-your-say.",
    "Ask at your GP practice reception for a paper form, or take part online.",
]

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

STATUS_WEIGHTS = (("published", 90), ("draft", 4), ("review", 4), ("withdrawn", 2))


# --- writing YAML by hand, the way staff do ----------------------------------------------

_PLAIN = re.compile(r"^[A-Za-z(][^\n:#\[\]{},&*!|>'\"%@`]*$")
_RESERVED = re.compile(r"^(true|false|null|yes|no|on|off|y|n|~)$", re.IGNORECASE)


def scalar(text: str) -> str:
    """Text as a YAML value: plain when that is safe, otherwise double-quoted."""
    if _PLAIN.match(text) and not _RESERVED.match(text) and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- the generator --------------------------------------------------------------------------


@dataclass
class Organisation:
    """The invented organisation a synthetic site belongs to."""

    name: str
    area: str
    domain: str
    localities: dict[str, str]
    topics: dict[str, str]


@dataclass
class Summary:
    """What was written, for the command's message and the tests."""

    records: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    action_statuses: dict[str, int] = field(default_factory=dict)


class Synthesiser:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        area, domain = self.rng.choice(AREAS)
        places = self.rng.sample(PLACES, 10)
        self.org = Organisation(
            name=f"{area} Integrated Care Board",
            area=area,
            domain=domain,
            localities={slugify(place): place for place in places},
            topics={key: label for key, (label, _) in TOPICS.items()},
        )
        self.unused_action_statuses = ["planned", "in-progress", "done", "not-taken-forward"]
        """Handed out first, so every action status is present in any corpus with a few actions."""
        self.commitments = ["young-voices", "seldom-heard", "close-the-loop", "steady-programme", "reach-more-people", "plain-english"]

    # --- site files ---------------------------------------------------------------------

    def mkdocs_yml(self) -> str:
        return MKDOCS_YML.format(area=self.org.area, name=self.org.name, domain=self.org.domain)

    def organisation_yml(self) -> str:
        org = self.org
        lines = [
            "# Who publishes this site, and the lists (taxonomies) every record uses.",
            "# A synthetic organisation made by yswd synth: every name is invented.",
            f"name: {org.name}",
            f"short_name: {org.area} ICB",
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

    def strategy_yml(self) -> str:
        return f"""\
title: Public and patient participation strategy
period: {{start: 2023-04-01, end: 2027-03-31}}

vision: >-
  Everyone who lives in {self.org.area} should have a fair chance to shape the
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
  - text: We plan and pay for NHS services in {self.org.area}.
  - text: We want to hear what you think about these services.
  - text: We will always tell you what we did with your views.
"""

    def index_md(self) -> str:
        return f"""\
# You said, we did

{self.org.name} plans and pays for NHS services for everyone who lives in
{self.org.area}. We ask local people what they think before we make decisions, and
we tell you what we did with what you said.

- [See everything you told us, and what we did](you-said-we-did/index.md)
- [Find engagements by topic](topics/index.md), [by place](localities/index.md) or [by year](years/index.md)
- [How to get involved](get-involved.md)

!!! note "This is a synthetic site"
    Every engagement here was made up by `yswd synth` for testing. None of it is real.
"""

    def get_involved_md(self) -> str:
        return f"""\
# Get involved

There are many ways to tell us what you think about health services in {self.org.area}.

| Way to take part | How often |
|---|---|
| Join your GP practice's patient group (PPG) | Usually every two months |
| Join the reader panel | When we have something to read |
| Answer our surveys | Several times a year |

Ask at your GP practice, or see what is [open now](you-said-we-did/index.md).
"""

    # --- records ------------------------------------------------------------------------

    def day_between(self, first: date, last: date) -> date:
        span = (last - first).days
        return first + timedelta(days=self.rng.randint(0, max(span, 0)))

    def status(self, index: int) -> str:
        # The first four records take one status each, so every status is present in any
        # corpus of four or more; the rest follow the weights.
        if index < len(STATUS_WEIGHTS):
            order = [name for name, _ in STATUS_WEIGHTS]
            return order[(index * 3 + 1) % len(order)]
        return self.rng.choices([s for s, _ in STATUS_WEIGHTS], weights=[w for _, w in STATUS_WEIGHTS])[0]

    def record(self, index: int) -> tuple[str, str, str, list[tuple[str, str]], dict]:
        """(folder, file stem, text, attached files, facts) for record number `index`."""
        rng = self.rng
        status = self.status(index)
        type_key = rng.choice(list(TYPES))
        type_label, type_methods, title_pattern = TYPES[type_key]
        topic_keys = rng.sample(list(TOPICS), rng.choice((1, 1, 1, 2, 2, 3)))
        service = rng.choice(TOPICS[topic_keys[0]][1])
        area_wide = rng.random() < 0.12
        locality_keys = [] if area_wide else rng.sample(list(self.org.localities), rng.choice((1, 1, 1, 2, 3)))
        place = self.org.area if area_wide else self.org.localities[locality_keys[0]]
        title = title_pattern.format(Service=capital(service), service=service, Place=place, place=place)
        if rng.random() < 0.3:
            title += f" in {place}" if not area_wide and "{place}" not in title_pattern.lower() else f" ({rng.choice(('first round', 'follow-up', 'second phase', 'pilot'))})"
        stem = f"{slugify(title)[:60].strip('-')}-{index + 1}"
        start = self.day_between(FIRST_START, LAST_START)
        year = FinancialYear.of(start)
        folder = f"engagements/{year.label}/{'area-wide' if area_wide else locality_keys[0]}"
        single_day = type_key in ("patient-story", "ppg-meeting", "reader-panel")
        end = None if single_day and rng.random() < 0.6 else start + timedelta(days=0 if single_day else rng.choice((14, 21, 28, 42, 56, 84, 90)))
        closed = end or start
        fill = {"service": service, "Service": capital(service), "place": place, "domain": self.org.domain,
                "Topic": TOPICS[topic_keys[0]][0], "pcn": "PCN", "ics": "ICS"}

        sparse = status == "draft" and rng.random() < 0.4
        lines = ["---"]
        record_id = stem
        if rng.random() < 0.2:
            lines.append(f"id: {record_id}")
        lines += [f"title: {scalar(title)}", f"type: {type_key}", f"status: {status}"]
        facts: dict = {"status": status, "action_statuses": []}
        if sparse:
            lines.append(f"start: {start.isoformat()}")
            if rng.random() < 0.5:
                lines.append(f"summary: {scalar(rng.choice(SUMMARY).format(**fill))}")
            lines.append("---")
            lines.append(f"Draft notes: we plan to ask people about {service}.")
            return folder, stem, "\n".join(lines) + "\n", [], facts

        lines.append(f"summary: {scalar(rng.choice(SUMMARY).format(**fill))}")
        lines.append(f"topics: [{', '.join(topic_keys)}]")
        if locality_keys or rng.random() < 0.5:
            lines.append(f"localities: [{', '.join(locality_keys)}]")
        lines.append(f"start: {start.isoformat()}")
        if end:
            lines.append(f"end: {end.isoformat()}")
        if end and end >= AS_OF - timedelta(days=30):
            lines.append(f"take_part: {scalar(rng.choice(TAKE_PART).format(**fill))}")
        if rng.random() < 0.03:
            lines.append(f"aliases: [{stem}-old, {year.start_year}-{slugify(service)}-{index + 1}]")
        if rng.random() < 0.6:
            lines.append(f"commitments: [{', '.join(rng.sample(self.commitments, rng.choice((1, 1, 2))))}]")

        # Who took part, and the aims set at the start (met, and missed).
        participants = int(round(10 ** rng.uniform(0.5, 3.6)))
        group_keys = rng.sample(list(GROUPS), rng.randint(0, 4))
        groups = {key: rng.randint(0, participants) // rng.choice((1, 2, 4, 8)) for key in group_keys}
        aims = []
        if rng.random() < 0.7:
            target = max(1, int(participants * rng.choice((0.5, 0.8, 0.9, 1.0, 1.1, 1.5, 2.0))))
            aims.append((f"Hear from at least {target:,} people", "participants", target))
        for key in group_keys[:1]:
            if rng.random() < 0.5:
                target = max(1, int(groups[key] * rng.choice((0.5, 1.0, 1.3, 2.0))))
                aims.append((f"Hear from at least {target:,} {GROUPS[key].split(' (')[0].lower()}", key, target))
        if aims:
            lines.append("aims:")
            for text, measure, target in aims:
                lines += [f"  - text: {scalar(text)}", f"    measure: {measure}", f"    target: {target}"]
        lines.append("reach:")
        lines.append(f"  participants: {participants}")
        if groups:
            lines.append(f"  groups: {{{', '.join(f'{k}: {v}' for k, v in groups.items())}}}")
        lines.append(f"  methods: [{', '.join(scalar(m) for m in rng.sample(type_methods, rng.randint(1, min(3, len(type_methods)))))}]")

        # You said: themes.
        themes = rng.sample(THEMES, rng.choice((1, 2, 2, 3, 3, 4, 5)))
        lines.append("you_said:")
        for theme_id, theme, _, _ in themes:
            lines += [f"  - id: {theme_id}", f"    theme: {scalar(theme.format(**fill))}"]
            if rng.random() < 0.3:
                lines += ["    detail: |-", *("      " + line if line else "" for line in rng.choice(DETAILS).split("\n"))]
            if rng.random() < 0.7:
                lines.append(f"    count: {rng.randint(1, participants)}")
            if rng.random() < 0.35:
                lines.append(f"    quote: {scalar(rng.choice(QUOTES))}")

        # We did: at least one action for every theme, every status, with timelines.
        unanswered_ok = status == "draft"
        lines.append("we_did:")
        latest = closed
        action_number = 0
        for t_index, (theme_id, _, actions, reasons) in enumerate(themes):
            if unanswered_ok and t_index > 0 and rng.random() < 0.3:
                continue
            for a_index, action in enumerate(rng.sample(actions, rng.choice((1, 1, 1, 2)) if len(actions) > 1 else 1)):
                action_number += 1
                responds = [theme_id]
                if t_index + 1 < len(themes) and rng.random() < 0.15:
                    responds.append(themes[t_index + 1][0])
                action_status = self.action_status(closed, bool(reasons))
                facts["action_statuses"].append(action_status)
                lines += [
                    f"  - id: {theme_id}-{a_index + 1}" if rng.random() < 0.6 else f"  - id: action-{action_number}",
                    f"    responds_to: [{', '.join(responds)}]",
                    f"    action: {scalar(action.format(**fill))}",
                    f"    status: {action_status}",
                ]
                if action_status == "in-progress":
                    lines.append(f"    progress: {rng.randrange(5, 100, 5)}")
                elif action_status == "planned" and rng.random() < 0.3:
                    lines.append("    progress: 0")
                elif action_status == "done" and rng.random() < 0.3:
                    lines.append("    progress: 100")
                if action_status == "not-taken-forward":
                    lines.append(f"    reason: {scalar((rng.choice(reasons) if reasons else 'Other changes already solved this problem.').format(**fill))}")
                lines.append(f"    owner: {scalar(rng.choice(OWNERS).format(**fill))}")
                due = closed + timedelta(days=rng.choice((60, 90, 120, 180, 270, 365)))
                if action_status != "not-taken-forward" and rng.random() < 0.8:
                    lines.append(f"    due: {due.isoformat()}")
                    latest = max(latest, due)
                completed = None
                if action_status == "done":
                    completed = min(AS_OF, closed + timedelta(days=rng.randint(14, 400)))
                    lines.append(f"    completed: {completed.isoformat()}")
                    latest = max(latest, completed)
                if action_status in ("in-progress", "done") and rng.random() < 0.6:
                    last = completed or min(AS_OF, closed + timedelta(days=300))
                    days = sorted(self.day_between(closed, max(closed, last)) for _ in range(rng.randint(1, 4)))
                    lines.append("    updates:")
                    for day, text in zip(days, rng.sample(UPDATES, len(days))):
                        lines += [f"      - date: {day.isoformat()}", f"        text: {scalar(text)}"]
                        latest = max(latest, day)

        if status in ("published", "withdrawn") and "done" in facts["action_statuses"] and rng.random() < 0.5:
            lines.append(f"impact: {scalar(rng.choice(IMPACTS))}")
        if status in ("published", "withdrawn") and rng.random() < 0.75:
            told = closed + timedelta(days=rng.randint(20, 120))
            lines += ["feedback_given:", f"  date: {told.isoformat()}", f"  how: {scalar(rng.choice(FEEDBACK))}"]
            latest = max(latest, told)
        if rng.random() < 0.4:
            responses = rng.randint(1, participants)
            rating = rng.randint(20, 50) / 10
            lines += ["evaluation:", f"  responses: {responses}", f"  rating: {rating}"]

        reviews = self.reviews(status, closed)
        if reviews:
            lines.append("reviews:")
            for reviewer, day, verdict, comment in reviews:
                lines += [f"  - reviewer: {reviewer}", f"    date: {day.isoformat()}", f"    verdict: {verdict}"]
                if comment:
                    lines.append(f"    comments: {scalar(comment)}")
                latest = max(latest, day)

        attached: list[tuple[str, str]] = []
        documents = []
        if rng.random() < 0.5:
            for number in range(rng.randint(1, 2)):
                kind = rng.choice(("Full report", "Easy read summary", "Survey questions", "Equality impact assessment"))
                scheme = "https" if rng.random() < 0.95 else "http"
                documents.append((f"{kind} (PDF)", f"{scheme}://www.{self.org.domain}.example.nhs.uk/documents/{stem}-{slugify(kind)}.pdf"))
        if rng.random() < 0.02:
            name = f"{stem}-summary.csv"
            attached.append((name, self.csv(themes)))
            documents.append(("Summary of responses (spreadsheet)", name))
        if documents:
            lines.append("documents:")
            for doc_title, url in documents:
                lines += [f"  - title: {scalar(doc_title)}", f"    url: {url}"]
        if rng.random() < 0.15:
            lines.append(f"updated: {(latest + timedelta(days=rng.randint(0, 30))).isoformat()}")
        lines.append("---")
        lines.append(self.body(fill))
        return folder, stem, "\n".join(lines) + "\n", attached, facts

    def action_status(self, closed: date, can_decline: bool) -> str:
        if self.unused_action_statuses:
            return self.unused_action_statuses.pop(0)
        age = (AS_OF - closed).days
        if age < 0:
            return self.rng.choice(("planned", "planned", "in-progress"))
        weights = [1, 3, 8, 1 if can_decline else 0] if age > 365 else [3, 5, 3, 1 if can_decline else 0]
        choice = self.rng.choices(("planned", "in-progress", "done", "not-taken-forward"), weights=weights)[0]
        return choice

    def reviews(self, status: str, closed: date) -> list[tuple[str, date, str, str | None]]:
        """Reader-panel verdicts: enough approvals after the last request for changes when published."""
        rng = self.rng
        if status == "draft" and rng.random() < 0.7:
            return []
        codes = rng.sample([f"RP-{n:02d}" for n in range(1, 41)] + ["ERP-3", "ERP-11"], 4)
        day = closed + timedelta(days=rng.randint(7, 40))
        reviews = []
        if status in ("published", "withdrawn"):
            if rng.random() < 0.25:
                reviews.append((codes[2], day, "changes-requested", rng.choice(COMMENTS)))
                day += timedelta(days=rng.randint(1, 14))
            for code in codes[:REQUIRED_APPROVALS]:
                reviews.append((code, day, "approved", rng.choice(COMMENTS) if rng.random() < 0.3 else None))
                day += timedelta(days=rng.randint(0, 3))
            if rng.random() < 0.1:
                # Listed out of date order: the rule sorts by date, so this is still approved.
                reviews.reverse()
        else:
            reviews.append((codes[0], day, rng.choice(("approved", "changes-requested")), rng.choice(COMMENTS)))
        return reviews

    def csv(self, themes) -> str:
        rows = ["theme,people"] + [f"{theme_id},{self.rng.randint(1, 200)}" for theme_id, *_ in themes]
        return "\n".join(rows) + "\n"

    def body(self, fill: dict) -> str:
        rng = self.rng
        parts = [rng.choice(BODY_OPENINGS).format(**fill)]
        parts.append(" ".join(rng.sample(BODY_MIDDLES, rng.randint(1, 3))).format(**fill))
        roll = rng.random()
        if roll < 0.25:
            parts.append("## Who we heard from\n\n" + "\n".join(f"- {m}" for m in rng.sample(BODY_MIDDLES, 2)).format(**fill))
        elif roll < 0.35:
            parts.append("| Where | Sessions |\n|---|---|\n" + "\n".join(f"| {p} | {rng.randint(1, 9)} |" for p in rng.sample(list(self.org.localities.values()), 2)))
        elif roll < 0.42:
            parts.append('!!! note "What a consultation is"\n    A consultation is not a vote: we weigh every view and publish how we decided.')
        elif roll < 0.47:
            parts.append('??? info "How we kept answers anonymous"\n    We removed names and anything else that could identify a person before analysing the answers.')
        elif roll < 0.52:
            parts.append("Drop-in\n:   An informal session where you can come and go.\n\nFocus group\n:   A small group discussion led by a facilitator.")
        if rng.random() < 0.3:
            parts.append(f"Read more about [{fill['service']} on the NHS website](https://www.nhs.uk/).")
        parts.append(rng.choice(BODY_ENDINGS))
        return "\n\n".join(parts)


def synthesise(out: Path, records: int, seed: int = 1) -> Summary:
    """Write a complete site with `records` engagements into `out` (which must be empty or new)."""
    out.mkdir(parents=True, exist_ok=True)
    synth = Synthesiser(seed)
    summary = Summary()

    def write(relative: str, text: str) -> None:
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))

    write("mkdocs.yml", synth.mkdocs_yml())
    write("site_config/organisation.yml", synth.organisation_yml())
    write("site_config/glossary.yml", GLOSSARY)
    write("site_config/overrides/.gitkeep", "")
    write("content/index.md", synth.index_md())
    write("content/get-involved.md", synth.get_involved_md())
    write("content/strategy.yml", synth.strategy_yml())
    for index in range(records):
        folder, stem, text, attached, facts = synth.record(index)
        write(f"content/{folder}/{stem}.md", text)
        for name, data in attached:
            write(f"content/{folder}/{name}", data)
        summary.records += 1
        summary.statuses[facts["status"]] = summary.statuses.get(facts["status"], 0) + 1
        for action_status in facts["action_statuses"]:
            summary.action_statuses[action_status] = summary.action_statuses.get(action_status, 0) + 1
    return summary
