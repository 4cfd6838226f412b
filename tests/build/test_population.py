"""Reach against the local population through real builds: the record page, the annual report,
the strategy's group-representation metric and the open data."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import jsonschema

from conftest import SiteFolder

POPULATION = """\
source: Census 2021, Office for National Statistics
groups:
  young-people: 11.5
  carers: 9.1
"""

REPRESENTATION = """\
  - id: in-proportion
    text: Hear from young people in proportion to the local population.
    metric: group-representation
    group: young-people
    target: 100
    due: 2027-03-31
"""


def text_of(path: Path) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))).split())


def build(site: SiteFolder) -> Path:
    result = site.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    return site.root / "site"


def test_reach_against_the_population_is_on_pages_and_in_the_open_data(site: SiteFolder) -> None:
    site.write("site_config/population.yml", POPULATION)
    site.write("content/strategy.yml", site.read("content/strategy.yml") + REPRESENTATION)
    out = build(site)

    page = text_of(out / "engagements/scan-times/index.html")
    # 30 of 120 young people: 25%, against 11.5%; 3 carers is below the small number of 5
    assert "Group People Share of people who took part Share of local people" in page
    assert "Young people (16-25) 30 25% 11.5%" in page
    assert "Unpaid carers fewer than 5 not shown 9.1%" in page
    assert "Local people: Census 2021, Office for National Statistics." in page

    report = text_of(out / "reports/2024-25/index.html")
    assert "Young people (16-25) were 25% of those who took part, against 11.5% of local people: 13.5 percentage points above their share." in report
    assert "Unpaid carers: fewer than 5 people took part, too few to give their share (against 9.1% of local people)." in report
    assert "Young people (16-25) 25% 11.5% 217" in report  # 25 / 11.5 * 100 = 217.4, rounded down

    strategy = text_of(out / "strategy/index.html")
    assert "100 for every 100 in proportion" in strategy
    assert "217 for every 100 in proportion (25% of 120 people who took part, against 11.5% of local people)" in strategy

    data = json.loads((out / "data/engagements.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads((out / "data/schema.json").read_text(encoding="utf-8")))
    assert data["population"] == {"source": "Census 2021, Office for National Statistics", "groups": {"young-people": 11.5, "carers": 9.1}}
    (record,) = data["records"]
    assert record["group_shares"] == {"young-people": 25.0, "carers": None}
    assert "Census 2021, Office for National Statistics" in text_of(out / "data/index.html")


def test_without_a_population_file_pages_show_shares_of_participants_only(site: SiteFolder) -> None:
    out = build(site)
    page = text_of(out / "engagements/scan-times/index.html")
    assert "Group People Share of people who took part Young people (16-25) 30 25%" in page
    assert "Share of local people" not in page
    assert "Reach against the local population" not in text_of(out / "reports/2024-25/index.html")
    assert json.loads((out / "data/engagements.json").read_text(encoding="utf-8"))["population"] is None


def test_share_is_not_recorded_when_participants_are_not(site: SiteFolder) -> None:
    site.write("site_config/population.yml", POPULATION)
    record = site.read("content/engagements/scan-times.md").replace("status: published", "status: draft")
    record = record.replace("  participants: 120\n", "")
    site.record("scan-times.md", record)
    result = site.mkdocs("build", "--strict", env={"YSWD_AUDIENCE": "review"})
    assert result.returncode == 0, result.stderr
    page = text_of(site.root / "site-review/engagements/scan-times/index.html")
    assert "Young people (16-25) 30 not recorded 11.5%" in page
