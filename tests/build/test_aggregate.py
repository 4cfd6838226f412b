"""A regional site from three synthetic organisations' real builds: `yswd aggregate`, then `mkdocs build`.

The organisations come from `yswd synth` with different seeds and ODS codes. Two of them publish
a record with the same id (ids are namespaced by ODS code), and the third's file is converted to
format 1.0, the older version, and named with CODE=PATH because format 1.0 has no ODS code.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL, SiteFolder
from yswd.tools.synth import synthesise
from yswd.analysis.figures import combined_precision
from yswd.analysis.reach import qualified

ORGANISATIONS = {"QE1": 1, "QF7": 2, "RX1": 5}  # ODS code -> seed (three different invented areas)
SHARED_ID = "scan-times"
OLDER = "RX1"
RELABELLED = {  # each organisation's own words for a topic key
    "QE1": ("mental-health: Mental health", "mental-health: \"CAMHS and children's wellbeing\""),
    "QF7": ("gp-access: GP and primary care access", "gp-access: Getting a GP appointment"),
}


def text_of(path: Path) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))).split())


def as_format_1(data: dict, older_schema: dict) -> dict:
    """A format 2 file as format 1.0 had it: the publisher's name alone, no format block, only 1.0's fields."""
    defs = older_schema["$defs"]

    def keep(value: object, node: dict) -> object:
        node = defs[node["$ref"].rsplit("/", 1)[-1]] if "$ref" in node else node
        for option in node.get("anyOf", []):
            if option.get("type") != "null" and value is not None:
                return keep(value, option)
        if isinstance(value, dict) and "properties" in node:
            return {k: keep(v, node["properties"][k]) for k, v in value.items() if k in node["properties"]}
        if isinstance(value, list) and "items" in node:
            return [keep(item, node["items"]) for item in value]
        return value

    return keep({**data, "publisher": data["publisher"]["name"]}, older_schema)


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Three organisations built for real, and the sources to aggregate."""
    work = tmp_path_factory.mktemp("region")
    shared = (MINIMAL / "content/engagements/scan-times.md").read_text(encoding="utf-8")
    built = {}
    for code, seed in ORGANISATIONS.items():
        site = SiteFolder(work / code)
        synthesise(site.root, 12, seed, code)
        if code in RELABELLED:
            org = site.read("site_config/organisation.yml")
            assert RELABELLED[code][0] in org
            site.write("site_config/organisation.yml", org.replace(*RELABELLED[code]))
        if code != OLDER:  # the same record id in two organisations
            org = site.read("site_config/organisation.yml")
            record = shared.replace("type: survey", "type: " + re.search(r"engagement_types:\n  ([a-z-]+):", org)[1])
            record = record.replace("topics: [maternity]", "topics: []").replace("localities: [southbrook]", "localities: []")
            record = record.replace("commitments: [seldom-heard]\n", "").replace("groups: {young-people: 30, carers: 3}", "groups: {}")
            site.record(f"{SHARED_ID}.md", record)
        result = site.mkdocs("build")
        assert result.returncode == 0, result.stderr
        built[code] = site.root / "site"
    older_schema = json.loads((built[OLDER] / "data/schema/1.0.json").read_text(encoding="utf-8"))
    current = json.loads((built[OLDER] / "data/engagements.json").read_text(encoding="utf-8"))
    old_file = work / "old" / "engagements.json"
    old_file.parent.mkdir()
    old_file.write_text(json.dumps(as_format_1(current, older_schema), indent=1), encoding="utf-8")
    return {"work": work, "built": built, "old": old_file}


def aggregate(region: dict, out: Path, *sources: str) -> SiteFolder:
    folder = SiteFolder(region["work"])
    result = folder.run(sys.executable, "-m", "yswd", "aggregate", *sources, "--out", str(out), "--name", "North and East regional view")
    assert result.returncode == 0, result.stderr
    return SiteFolder(out)


def sources(region: dict) -> list[str]:
    built = region["built"]
    return [str(built["QE1"]), str(built["QF7"] / "data/engagements.json"), f"{OLDER}={region['old']}"]


def test_a_regional_site_from_three_organisations_builds_and_attributes_every_record(region: dict, tmp_path: Path) -> None:
    site = aggregate(region, tmp_path / "region", *sources(region))
    result = site.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    out = site.root / "site"
    published = {
        "QE1": json.loads((region["built"]["QE1"] / "data/engagements.json").read_bytes()),
        "QF7": json.loads((region["built"]["QF7"] / "data/engagements.json").read_bytes()),
        "RX1": json.loads(region["old"].read_bytes()),
    }
    # Every record, attributed, at a page under its organisation's ODS code, linking back
    for code, data in published.items():
        for record in data["records"]:
            page = out / f"organisations/{code.lower()}/engagements/{record['id']}/index.html"
            assert page.is_file(), page
            raw = page.read_text(encoding="utf-8")
            assert f'href="{record["url"]}"' in raw
            name = data["publisher"] if code == OLDER else data["publisher"]["name"]
            assert f"Published by {name} (ODS code {code})." in text_of(page)
            original = region["built"][code] / record["url"].split(".example.nhs.uk/", 1)[1] / "index.html"
            assert original.is_file(), f"the link back goes nowhere: {original}"
    # The shared id: two pages, two organisations, nothing overwritten
    first = text_of(out / f"organisations/qe1/engagements/{SHARED_ID}/index.html")
    second = text_of(out / f"organisations/qf7/engagements/{SHARED_ID}/index.html")
    assert "Published by Calderbrook and the Fells Integrated Care Board (ODS code QE1)" in first
    assert "Published by Northmere and Dunstow Integrated Care Board (ODS code QF7)" in second
    assert f"here it is QE1/{SHARED_ID}" in first and f"here it is QF7/{SHARED_ID}" in second

    # Each source republished byte for byte, and every record unaltered in the regional file
    assert (out / "data/sources/QE1.json").read_bytes() == (region["built"]["QE1"] / "data/engagements.json").read_bytes()
    assert (out / "data/sources/RX1.json").read_bytes() == region["old"].read_bytes()
    combined = json.loads((out / "data/engagements.json").read_text(encoding="utf-8"))
    by_id = {r["regional_id"]: r["record"] for r in combined["records"]}
    for code, data in published.items():
        for record in data["records"]:
            assert by_id[f"{code}/{record['id']}"] == record
    assert len(by_id) == sum(len(d["records"]) for d in published.values())
    assert {o["ods_code"]: o["format_version"] for o in combined["organisations"]} == {"QE1": "2.2", "QF7": "2.2", "RX1": "1.0"}
    organisations = {o["ods_code"]: o for o in combined["organisations"]}
    assert organisations["QE1"]["vocabulary"] == published["QE1"]["vocabulary"] and organisations["RX1"]["vocabulary"] is None
    site_url = published["QF7"]["publisher"]["site_url"]
    assert (organisations["QF7"]["original_data"], organisations["QF7"]["standard"]) == (site_url + "data/engagements.json", site_url + "data/standard/")
    assert organisations["RX1"]["original_data"] is None and organisations["RX1"]["standard"] is None

    # Listings and the organisation facet; figures for each and in total
    hub = text_of(out / "organisations/index.html")
    for code, data in published.items():
        name = data["publisher"] if code == OLDER else data["publisher"]["name"]
        assert f"{name} ({len(data['records'])} engagements)" in hub
    listing = text_of(out / "organisations/rx1/index.html")
    assert f"of {len(published['RX1']['records'])}." in listing and "in format 1.0" in listing
    assert "Showing 1 to 20 of" in text_of(out / "engagements/index.html")
    figures = text_of(out / "figures/index.html")
    for code, data in published.items():
        counted = [r for r in data["records"] if isinstance(r["participants"], int)]
        people = sum(r["participants"] for r in counted)
        precision = combined_precision(r.get("participants_precision") for r in counted)  # its own unit tests
        assert f"({code}) {len(data['records'])} {qualified(f'{people:,}', precision)}" in figures
    total = sum(len(d["records"]) for d in published.values())
    assert f"All organisations {total} " in figures
    # The search index covers every record page
    entry = json.loads((out / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == total


def test_a_source_that_does_not_validate_is_refused_naming_source_and_field(region: dict, tmp_path: Path) -> None:
    data = json.loads((region["built"]["QF7"] / "data/engagements.json").read_bytes())
    bad = data["records"][2]
    bad["participants"] = "07700 900123"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    folder = SiteFolder(region["work"])
    out = tmp_path / "region"
    result = folder.yswd("aggregate", str(region["built"]["QE1"]), str(broken), "--out", str(out), "--name", "Region")
    assert result.returncode == 1
    assert f"{broken}: records[{bad['id']}].participants: should be a whole number or empty (null)." in result.stderr
    assert "07700" not in result.stderr
    assert not out.exists(), "nothing is written when a source is refused"

    del data["records"][2]["participants"]
    broken.write_text(json.dumps(data), encoding="utf-8")
    result = folder.yswd("aggregate", str(broken), "--out", str(out), "--name", "Region")
    assert f'records[{bad["id"]}]: is missing "participants", which format 2.2 requires.' in result.stderr


@pytest.mark.parametrize(
    "case, message",
    [
        ("older-without-code", "publisher.ods_code is missing. A regional view tells organisations' records apart by their ODS code"),
        ("same-code-twice", "its ODS code, QE1, is also the code of"),
        ("not-json", "is not valid JSON (line 1), so it can't be read."),
        ("newer-major", "format.version: this file follows a format this yswd does not know."),
        ("no-data-here", "there is no data/engagements.json (or engagements.json) in this folder."),
    ],
)
def test_sources_that_cannot_be_used_are_refused(region: dict, tmp_path: Path, case: str, message: str) -> None:
    built = region["built"]
    qe1 = str(built["QE1"])
    newer = json.loads((built["QE1"] / "data/engagements.json").read_bytes())
    newer["format"]["version"] = "3.0"
    (tmp_path / "newer.json").write_text(json.dumps(newer), encoding="utf-8")
    (tmp_path / "not.json").write_text("<html>", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    specs = {
        "older-without-code": [qe1, str(region["old"])],
        "same-code-twice": [qe1, qe1],
        "not-json": [str(tmp_path / "not.json")],
        "newer-major": [str(tmp_path / "newer.json")],
        "no-data-here": [str(tmp_path / "empty")],
    }[case]
    result = SiteFolder(region["work"]).yswd("aggregate", *specs, "--out", str(tmp_path / "out"), "--name", "Region")
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_newer_minor_version_is_read_and_a_file_changed_by_hand_stops_the_build(region: dict, tmp_path: Path) -> None:
    newer = json.loads((region["built"]["QE1"] / "data/engagements.json").read_bytes())
    newer["format"]["version"] = "2.7"
    newer["records"][0]["a_field_from_2_7"] = "added later"  # minor versions only add fields
    path = tmp_path / "newer.json"
    path.write_text(json.dumps(newer), encoding="utf-8")
    site = aggregate(region, tmp_path / "region", str(path))
    result = site.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    copy = site.root / "content/data/sources/QE1.json"
    spoilt = json.loads(copy.read_bytes())
    spoilt["records"][0]["start"] = 20250101
    copy.write_text(json.dumps(spoilt), encoding="utf-8")
    result = site.mkdocs("build")
    assert result.returncode == 1
    assert f"data/sources/QE1.json: records[{spoilt['records'][0]['id']}].start: should be text." in result.stderr
    shutil.rmtree(site.root / "content")


def test_the_regional_listings_have_the_public_sites_facets_and_filters(region: dict, tmp_path: Path) -> None:
    """Organisation, topic, year, type and action status: a static listing for each value (no
    JavaScript needed), and the filter index the listing's filters combine, as on an organisation's site."""
    site = aggregate(region, tmp_path / "region", *sources(region))
    assert site.mkdocs("build", "--strict").returncode == 0
    out = site.root / "site"
    records = [(r["regional_id"], r["record"]) for r in json.loads((out / "data/engagements.json").read_bytes())["records"]]
    index = json.loads((out / "data/filter-index.json").read_text(encoding="utf-8"))
    assert [f["name"] for f in index["facets"]] == ["organisation", "topic", "year", "type", "action-status"]
    assert index["meta"] == ["organisation", "type", "start"]
    assert len(index["records"]) == len(records)
    facets = {f["name"]: f for f in index["facets"]}

    def members(facet: str, key: str) -> set[str]:
        column, position = 3 + [f["name"] for f in index["facets"]].index(facet), facets[facet]["keys"].index(key)
        return {row[1] for row in index["records"] if position in row[column]}

    expected = {
        ("topic", "maternity"): {rid for rid, r in records if "maternity" in r["topics"]},
        ("organisation", "rx1"): {rid for rid, r in records if rid.startswith("RX1/")},
        ("year", "2025-26"): {rid for rid, r in records if r["financial_year"] == "2025-26"},
        ("action-status", "done"): {rid for rid, r in records if any(a["status"] == "done" for a in r["we_did"])},
        ("type", "survey"): {rid for rid, r in records if r["type"] == "survey"},
    }
    folders = {"topic": "topics", "organisation": "organisations", "year": "years", "action-status": "action-status", "type": "types"}
    for (facet, key), ids in expected.items():
        assert ids, f"the test sites have no {facet} {key}"
        pages = {f"organisations/{rid.split('/')[0].lower()}/engagements/{rid.split('/')[1]}/" for rid in ids}
        assert members(facet, key) == pages, (facet, key)
        listing = text_of(out / folders[facet] / key / "index.html")
        assert f"of {len(ids)}." in listing, (facet, key)
        hub = text_of(out / folders[facet] / "index.html")
        label = facets[facet]["labels"][facets[facet]["keys"].index(key)]
        if facet == "action-status":  # the actions with the status, beside the engagements they are in
            actions = sum(1 for rid, r in records if rid in ids for a in r["we_did"] if a["status"] == key)
            assert f"{label} ({actions} action{'' if actions == 1 else 's'} in {len(ids)} engagement" in hub
        else:
            assert f"{label} ({len(ids)} engagement" in hub, (facet, key)
    for row in index["records"]:
        assert (out / row[1] / "index.html").is_file(), row[1]
    # The filters are on the first page of every engagement, with a static link for every value
    first = (out / "engagements/index.html").read_text(encoding="utf-8")
    assert 'id="yswd-filter"' in first and 'data-index="../data/filter-index.json"' in first
    assert "assets/yswd/filter.js" in first and (out / "assets/yswd/filter.js").is_file()
    for name, facet in facets.items():
        assert f'<select id="filter-{name}" name="{name}">' in first
        for key in facet["keys"]:
            assert f'href="../{folders[name]}/{key}/"' in first, (name, key)
    assert 'id="yswd-filter"' not in (out / "engagements/page-2/index.html").read_text(encoding="utf-8")
    # A record's page links to its topics', type's and year's listings
    rid, record = next((rid, r) for rid, r in records if r["topics"])
    page = (out / f"organisations/{rid.split('/')[0].lower()}/engagements/{record['id']}/index.html").read_text(encoding="utf-8")
    assert f'href="../../../../topics/{record["topics"][0]}/"' in page
    assert f'href="../../../../types/{record["type"]}/"' in page
    assert f'href="../../../../years/{record["financial_year"]}/"' in page


def test_a_regional_page_size_written_wrongly_is_a_plain_problem_at_its_line(region: dict, tmp_path: Path) -> None:
    site = aggregate(region, tmp_path / "region", *sources(region))
    mkdocs = site.read("mkdocs.yml")
    site.write("mkdocs.yml", mkdocs.replace("  - yswd-regional\n", "  - yswd-regional:\n      page_size: 0\n"))
    line = mkdocs[: mkdocs.index("  - yswd-regional\n")].count("\n") + 2
    result = site.mkdocs("build")
    assert result.returncode == 1
    assert f"mkdocs.yml:{line}: page_size: should be a whole number, 1 or more, such as 20." in result.stderr.splitlines()
    assert "Traceback" not in result.stderr and "Config value" not in result.stderr
    assert not (site.root / "site").exists()


def published(region: dict, code: str) -> dict:
    return json.loads((region["built"][code] / "data/engagements.json").read_bytes())


def record_page(out: Path, code: str, record: dict) -> str:
    return text_of(out / f"organisations/{code.lower()}/engagements/{record['id']}/index.html")


def using(data: dict, topic: str) -> dict:
    return next(r for r in data["records"] if topic in r["topics"])


def test_the_regional_site_shows_each_publishers_labels_and_falls_back_to_keys_for_older_files(region: dict, tmp_path: Path) -> None:
    site = aggregate(region, tmp_path / "region", *sources(region))
    assert site.mkdocs("build", "--strict").returncode == 0
    out = site.root / "site"
    qe1, qf7, rx1 = published(region, "QE1"), published(region, "QF7"), json.loads(region["old"].read_bytes())
    assert qe1["format"]["version"] == "2.2" and "vocabulary" not in rx1
    assert qe1["vocabulary"]["topics"]["mental-health"] == "CAMHS and children's wellbeing"
    assert qf7["vocabulary"]["topics"]["gp-access"] == "Getting a GP appointment"
    hub = text_of(out / "topics/index.html")
    # A 2.1 label is used: on the hub, the listing, the record page and in the filter index
    assert "CAMHS and children's wellbeing (" in hub and "Mental health (" not in hub
    assert text_of(out / "topics/mental-health/index.html").startswith("CAMHS and children's wellbeing")
    page = record_page(out, "QE1", using(qe1, "mental-health"))
    assert "CAMHS and children's wellbeing" in page
    index = json.loads((out / "data/filter-index.json").read_text(encoding="utf-8"))
    topics = next(f for f in index["facets"] if f["name"] == "topic")
    assert topics["labels"][topics["keys"].index("mental-health")] == "CAMHS and children's wellbeing"
    # Format 1.0 gives keys only: a topic only it uses reads as its key in words, not as others label it
    assert {"urgent-care"} <= {t for r in rx1["records"] for t in r["topics"]} - {t for d in (qe1, qf7) for r in d["records"] for t in r["topics"]}
    assert qe1["vocabulary"]["topics"]["urgent-care"] == "Urgent and emergency care"
    assert "Urgent care (" in hub
    # Two organisations label gp-access differently: one listing, the first organisation's label
    # (as many give each), the other named; each record page in its publisher's words
    listing = text_of(out / "topics/gp-access/index.html")
    assert listing.startswith("GP and primary care access")
    assert "Not every organisation calls it this: Northmere and Dunstow Integrated Care Board calls it “Getting a GP appointment”." in listing
    assert "Getting a GP appointment" in record_page(out, "QF7", using(qf7, "gp-access"))
    older = record_page(out, "RX1", using(rx1, "gp-access"))
    assert "Gp access" in older and "GP and primary care access" not in older
    assert 'href="../../../../topics/gp-access/"' in (out / f"organisations/qf7/engagements/{using(qf7, 'gp-access')['id']}/index.html").read_text(encoding="utf-8")
    # Places: the publisher's labels, or the key in words
    placed = next(r for r in qe1["records"] if r["localities"])
    assert "Where " + ", ".join(qe1["vocabulary"]["localities"][k] for k in placed["localities"]) in record_page(out, "QE1", placed)


def test_the_open_data_page_links_to_each_organisations_data_and_standard(region: dict, tmp_path: Path) -> None:
    site = aggregate(region, tmp_path / "region", *sources(region))
    assert site.mkdocs("build", "--strict").returncode == 0
    raw = (site.root / "site/data/index.html").read_text(encoding="utf-8")
    for code in ("QE1", "QF7"):
        site_url = published(region, code)["publisher"]["site_url"]
        assert site_url.startswith("https://") and site_url.endswith("/")
        assert f'<a href="{site_url}data/engagements.json">The original data on ' in raw
        assert f'<a href="{site_url}data/standard/">' in raw
        assert (region["built"][code] / "data/standard/index.html").is_file(), "the link leads to the organisation's own standard page"
        assert f'<a href="sources/{code}.json">' in raw
    text = text_of(site.root / "site/data/index.html")
    assert "Brackenmoor Integrated Care Board (RX1)" in text
    assert "Its file gives no address for its site (format 1.0 has none), so there are no links to the original here." in text


def test_a_format_2_0_source_reads_as_keys_and_a_made_up_label_never_outranks_a_given_one(region: dict, tmp_path: Path) -> None:
    data = published(region, "QF7")
    del data["vocabulary"]
    data["format"]["version"] = "2.0"
    older = tmp_path / "qf7-2.0.json"
    older.write_text(json.dumps(data), encoding="utf-8")
    site = aggregate(region, tmp_path / "region", str(region["built"]["QE1"]), str(older))
    assert site.mkdocs("build", "--strict").returncode == 0
    out = site.root / "site"
    assert "Gp access" in record_page(out, "QF7", using(data, "gp-access"))
    listing = text_of(out / "topics/gp-access/index.html")
    assert listing.startswith("GP and primary care access") and "Not every organisation" not in listing


def test_a_source_that_claims_2_1_without_its_labels_is_refused(region: dict, tmp_path: Path) -> None:
    data = published(region, "QF7")
    record = using(data, "gp-access")
    del data["vocabulary"]["topics"]["gp-access"]
    broken = tmp_path / "QF7.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    result = SiteFolder(region["work"]).yswd("aggregate", str(broken), "--out", str(tmp_path / "out"), "--name", "Region")
    assert result.returncode == 1
    position = record["topics"].index("gp-access") + 1
    assert f"{broken}: records[{record['id']}].topics[{position}]: has no label in vocabulary.topics, which format 2.2 requires for every topic the file uses. Add its label there." in result.stderr
    assert not (tmp_path / "out").exists()
