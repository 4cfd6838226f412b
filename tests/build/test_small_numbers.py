"""Group counts below the small number never reach public output: not the open data, not a chart.

One build of the small site, with one group counted at exactly the small number (shown) and
one just below it (withheld), so both a missing rule and a rule off by one fail here.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import MINIMAL, SiteFolder

SMALL = 5  # personal_data.small_number in tests/fixtures/minimal/site_config/organisation.yml


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SiteFolder:
    root = tmp_path_factory.mktemp("small") / "site"
    shutil.copytree(MINIMAL, root)
    site = SiteFolder(root)
    record = site.read("content/engagements/scan-times.md")
    assert f"small_number: {SMALL}" in site.read("site_config/organisation.yml")
    record = record.replace("groups: {young-people: 30, carers: 3}", f"groups: {{young-people: {SMALL}, carers: {SMALL - 1}}}")
    record = record.replace(
        "    target: 100\n",
        "    target: 100\n  - text: Hear from 10 carers\n    measure: carers\n    target: 10\n"
        f"  - text: Hear from {SMALL} young people\n    measure: young-people\n    target: {SMALL}\n",
        1,
    )
    site.write("content/engagements/scan-times.md", record)
    result = site.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    return site


def test_open_data_withholds_counts_below_the_small_number_and_shows_the_small_number_itself(built: SiteFolder) -> None:
    data = json.loads(built.read("site/data/engagements.json"))
    [record] = data["records"]
    assert data["small_number"] == SMALL
    assert record["groups"] == {"young-people": SMALL, "carers": None}
    assert record["group_shares"] == {"young-people": round(SMALL / 120 * 100, 1), "carers": None}
    assert [(aim["measure"], aim["reached"], aim["met"]) for aim in record["aims"]] == [
        ("participants", 120, True),
        ("carers", None, None),
        ("young-people", SMALL, True),
    ]
    assert f'"carers": {SMALL - 1}' not in built.read("site/data/engagements.json")


def test_the_report_chart_of_groups_withholds_counts_below_the_small_number(built: SiteFolder) -> None:
    page = built.read("site/reports/2024-25/index.html")
    svg = re.search(r'<svg [^>]*aria-labelledby="chart-groups-title chart-groups-desc".*?</svg>', page, re.S).group(0)
    description = re.search(r'<desc id="chart-groups-desc">(.*?)</desc>', svg).group(1)
    assert description == (
        f"Out of 120 people who took part. Young people (16-25): {SMALL} people; "
        f"Unpaid carers: fewer than {SMALL}. The same figures are in the table below."
    )
    assert svg.count("<rect") == 1  # a bar for the young people only: a withheld count draws none
