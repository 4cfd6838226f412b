"""The regional site in a browser: three synthetic organisations aggregated and built for real, every
kind of page checked with axe, at phone width, the record page's link back to its publisher, and
the listing's filters with JavaScript (combined in place, kept in the address) and without it
(a static listing for each value)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from yswd.tools.synth import synthesise

from .conftest import address, serving
from .support import load, run_axe, viewport

BUILD_DATE = "1764547200"
ORGANISATIONS = {"QE1": 1, "QF7": 2, "RX1": 5}
RELABELLED = ("gp-access: GP and primary care access", "gp-access: Getting a GP appointment")

PAGES = {
    "home": "",
    "every-engagement": "engagements/",
    "every-engagement-page-2": "engagements/page-2/",
    "organisations": "organisations/",
    "organisation": "organisations/qf7/",
    "years": "years/",
    "year": "years/2025-26/",
    "topics": "topics/",
    "topic": "topics/maternity/",
    "topic-labelled-differently": "topics/gp-access/",
    "types": "types/",
    "type": "types/survey/",
    "action-status": "action-status/",
    "action-status-done": "action-status/done/",
    "filtered": "engagements/?organisation=rx1&action-status=done",
    "figures": "figures/",
    "data": "data/",
    "search": "search/",
}

SIDEWAYS = "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"
WIDE = """const page = document.documentElement.clientWidth, out = [];
for (const el of document.querySelectorAll('body *')) { const r = el.getBoundingClientRect();
  if (r.right > page + 0.5) out.push(el.tagName + ' ' + (el.textContent || '').trim().slice(0, 60)); }
return out.slice(-3);"""


def run(folder: Path, *args: str) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_DATE, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", *args], cwd=folder, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def regional(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("regional")
    for code, seed in ORGANISATIONS.items():
        synthesise(work / code, 10, seed, code)
        if code == "QF7":  # its own words for a topic key the others label otherwise
            settings = work / code / "site_config/organisation.yml"
            settings.write_text(settings.read_text(encoding="utf-8").replace(*RELABELLED), encoding="utf-8")
        run(work / code, "mkdocs", "build")
    run(work, "yswd", "aggregate", *(f"{code}/site" for code in ORGANISATIONS), "--out", "region", "--name", "North and East regional view")
    run(work / "region", "mkdocs", "build", "--strict")
    return work / "region" / "site"


@pytest.fixture(scope="module")
def regional_url(regional: Path) -> Iterator[str]:
    with serving(regional) as server:
        yield address(server)


def a_record(regional: Path) -> str:
    page = sorted((regional / "organisations/rx1/engagements").glob("*/index.html"))[0]
    return page.parent.relative_to(regional).as_posix() + "/"


@pytest.mark.parametrize("width", [390, 1280])
def test_every_kind_of_regional_page_passes_axe_and_fits(width, driver, regional, regional_url, axe_source) -> None:
    failures = []
    with viewport(driver, width, 844 if width < 600 else 900, mobile=width < 600):
        for name, url in {**PAGES, "record": a_record(regional)}.items():
            load(driver, regional_url + url)
            assert driver.find_element(By.TAG_NAME, "h1").text, f"{name} has no heading"
            result = run_axe(driver, axe_source)
            if result.violations:
                failures.append(f"{name} at {width}px:\n{result.report()}")
            if not driver.execute_script(SIDEWAYS):
                failures.append(f"{name} scrolls sideways at {width}px: {driver.execute_script(WIDE)}")
    assert not failures, "\n".join(failures)


def test_a_record_page_attributes_it_and_links_back(driver, regional, regional_url) -> None:
    load(driver, regional_url + a_record(regional))
    note = driver.find_element(By.CSS_SELECTOR, ".yswd-banner--note")
    assert note.text.startswith("Published by Brackenmoor Integrated Care Board (ODS code RX1).")
    back = note.find_element(By.PARTIAL_LINK_TEXT, "Read it on")
    assert back.get_attribute("href").startswith("https://engage.brackenmoor.example.nhs.uk/engagements/")
    facts = driver.find_element(By.CSS_SELECTOR, ".yswd-facts").text
    assert "Organisation\nBrackenmoor Integrated Care Board" in facts


def test_the_open_data_page_links_to_each_organisations_own_data_and_standard(driver, regional_url) -> None:
    load(driver, regional_url + "data/")
    for code, name in (("QE1", "Calderbrook and the Fells"), ("QF7", "Northmere and Dunstow")):
        part = driver.find_element(By.ID, f"data-{code.lower()}")
        assert part.text == f"{name} Integrated Care Board ({code})"
        links = {a.text: a.get_attribute("href") for a in part.find_elements(By.XPATH, "following-sibling::ul[1]//a")}
        original = links[f"The original data on {name} Integrated Care Board's site"]
        assert original.startswith("https://engage.") and original.endswith(".example.nhs.uk/data/engagements.json")
        assert links[f"{name} Integrated Care Board's open data standard page"] == original.replace("data/engagements.json", "data/standard/")
        assert links[f"{name} Integrated Care Board's data as republished here"] == regional_url + f"data/sources/{code}.json"


def test_a_topic_two_organisations_label_differently_names_the_other_label(driver, regional_url) -> None:
    load(driver, regional_url + "topics/gp-access/")
    assert driver.find_element(By.TAG_NAME, "h1").text == "GP and primary care access"
    note = driver.find_element(By.CSS_SELECTOR, ".yswd-other-names")
    assert note.is_displayed()
    assert note.text == "Not every organisation calls it this: Northmere and Dunstow Integrated Care Board calls it “Getting a GP appointment”."


def test_the_organisation_facet_narrows_the_listing(driver, regional_url) -> None:
    load(driver, regional_url + "organisations/")
    links = driver.find_elements(By.CSS_SELECTOR, ".yswd-hub__list a")
    assert len(links) == 3
    links[0].click()
    titles = driver.find_elements(By.CSS_SELECTOR, ".yswd-record__meta")
    organisation = driver.find_element(By.TAG_NAME, "h1").text
    assert titles and all(t.text.startswith(organisation + " ·") for t in titles)


def expected(regional: Path, **chosen: str) -> list[str]:
    """The addresses of the records that match every choice, read from the built filter index."""
    index = json.loads((regional / "data/filter-index.json").read_text(encoding="utf-8"))
    names = [f["name"] for f in index["facets"]]
    picks = [(3 + names.index(name), index["facets"][names.index(name)]["keys"].index(key)) for name, key in chosen.items()]
    return [row[1] for row in index["records"] if all(position in row[column] for column, position in picks)]


def shared_topic(regional: Path) -> tuple[str, str]:
    """The topic (key, label) whose records come from the most organisations."""
    index = json.loads((regional / "data/filter-index.json").read_text(encoding="utf-8"))
    topics = next(f for f in index["facets"] if f["name"] == "topic")
    key = max(topics["keys"], key=lambda k: (len({a.split("/")[1] for a in expected(regional, topic=k)}), k))
    return key, topics["labels"][topics["keys"].index(key)]


def shown(driver) -> list[str]:
    return driver.execute_script(
        "return [...document.querySelectorAll('.yswd-record__title a')].filter(a => a.checkVisibility()).map(a => a.getAttribute('href'))"
    )


def test_the_filters_combine_in_place_and_keep_the_choices_in_the_address(driver, regional, regional_url) -> None:
    load(driver, regional_url + "engagements/")
    form = driver.find_element(By.ID, "yswd-filter")
    assert form.is_displayed(), "with JavaScript the filters are offered"
    Select(driver.find_element(By.ID, "filter-organisation")).select_by_value("rx1")
    Select(driver.find_element(By.ID, "filter-action-status")).select_by_value("done")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    matching = expected(regional, organisation="rx1", **{"action-status": "done"})
    assert matching, "the test sites have done actions in RX1"
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "yswd-filter-results").is_displayed())
    results = driver.find_element(By.ID, "yswd-filter-results")
    assert results.find_element(By.CSS_SELECTOR, "[role=status]").text == f"{len(matching)} engagements match."
    links = [a.get_attribute("href") for a in results.find_elements(By.CSS_SELECTOR, ".yswd-record__title a")]
    assert links == [regional_url + address for address in matching[:20]]
    metas = [m.text for m in results.find_elements(By.CSS_SELECTOR, ".yswd-record__meta")]
    assert metas and all(m.startswith("Brackenmoor Integrated Care Board · ") for m in metas)
    assert not driver.find_element(By.ID, "yswd-static-list").is_displayed()
    assert driver.current_url == regional_url + "engagements/?organisation=rx1&action-status=done"
    # The address alone gives the same view, and a topic narrows it across organisations
    key, label = shared_topic(regional)
    load(driver, regional_url + f"engagements/?topic={key}")
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "yswd-filter-results").is_displayed())
    topic = expected(regional, topic=key)
    assert Select(driver.find_element(By.ID, "filter-topic")).first_selected_option.text == label
    assert len({address.split("/")[1] for address in topic}) > 1, "the topic's records come from more than one organisation"
    assert shown(driver) == [f"../{address}" for address in topic[:20]]
    driver.find_element(By.CSS_SELECTOR, "#yswd-filter button[type=reset]").click()
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "yswd-static-list").is_displayed())
    assert driver.current_url == regional_url + "engagements/"


def test_without_javascript_each_value_is_a_static_listing(driver_nojs, regional, regional_url) -> None:
    load(driver_nojs, regional_url + "engagements/")
    assert not driver_nojs.find_element(By.ID, "yswd-filter").is_displayed(), "the filters need JavaScript, so are not offered"
    assert len(shown(driver_nojs)) == 20
    browse = driver_nojs.find_element(By.CSS_SELECTOR, ".yswd-facet-links")
    browse.find_element(By.TAG_NAME, "summary").click()
    key, label = shared_topic(regional)
    browse.find_element(By.LINK_TEXT, label).click()
    assert driver_nojs.current_url == regional_url + f"topics/{key}/"
    assert shown(driver_nojs) == [f"../../{address}" for address in expected(regional, topic=key)[:20]]
    load(driver_nojs, regional_url + "action-status/done/")
    assert shown(driver_nojs) == [f"../../{address}" for address in expected(regional, **{"action-status": "done"})[:20]]
