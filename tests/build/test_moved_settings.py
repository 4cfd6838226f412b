"""With config_dir and strategy_file moving the settings, every message names the files where they are."""

from __future__ import annotations

import shutil

from conftest import SiteFolder

PLUGIN = "plugins:\n  - yswd:\n      config_dir: settings\n      strategy_file: plan/strategy.yml\n"
RECORD = "content/engagements/scan-times.md"
STRATEGY = "content/plan/strategy.yml"
PHONE = "07700 900123"


def moved(site: SiteFolder) -> SiteFolder:
    shutil.move(site.root / "site_config", site.root / "settings")
    (site.root / "content/plan").mkdir()
    shutil.move(site.root / "content/strategy.yml", site.root / STRATEGY)
    site.write("mkdocs.yml", site.read("mkdocs.yml").replace("plugins:\n  - yswd\n", PLUGIN))
    return site


def test_a_site_with_its_settings_moved_builds(site: SiteFolder) -> None:
    result = moved(site).mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    assert (site.root / "site/strategy/index.html").is_file()


def test_problems_name_the_moved_settings_files(site: SiteFolder) -> None:
    moved(site)
    record = site.read(RECORD).replace("type: survey", "type: survy").replace("[seldom-heard]", "[seldom-herd]")
    site.write(RECORD, record.replace("The clinic opened in August.", f"Call {PHONE} to book."))
    strategy = site.read(STRATEGY).replace("metric: group-share", "metric: group-representation")
    site.write(STRATEGY, strategy.replace("vision: We listen, and we show what changed.", f"vision: Call us on {PHONE}."))

    result = site.mkdocs("build")

    assert result.returncode == 1
    found = sorted(line for line in result.stderr.splitlines() if line.startswith(("content/", "settings/")))
    looks_like = "looks like a UK phone number. Remove it: "
    assert found == [
        f"{RECORD}:10: commitments[1]: is not one of the commitments in {STRATEGY}. "
        'Did you mean "seldom-heard"? The ones we know are: seldom-heard.',
        f"{RECORD}:37: body: {looks_like}personal data must never be in a record, even a draft, because drafts go to "
        "reviewers and git keeps every version. If it is safe to publish, such as a public venue or switchboard, "
        "copy the exact text into this record's allow_personal_data (or personal_data.allow in settings/organisation.yml) "
        "with a reason. If it was already committed, ask whoever looks after the repository to remove it from the history too.",
        f"{RECORD}:3: type: is not one of the engagement_types in settings/organisation.yml. "
        'Did you mean "survey"? The ones we know are: survey, focus-group.',
        f"{STRATEGY}:15: commitments[seldom-heard].group: needs the share of local people in \"young-people\" for the "
        "group-representation metric: add it under groups in settings/population.yml.",
        f"{STRATEGY}:3: vision: {looks_like}this file is published with the site, and git keeps every version. If it is "
        "safe to publish, such as a public venue or switchboard, copy the exact text into personal_data.allow in "
        "settings/organisation.yml with a reason. If it was already committed, ask whoever looks after the repository "
        "to remove it from the history too.",
    ]


def test_a_missing_strategy_is_named_where_the_option_puts_it(site: SiteFolder) -> None:
    moved(site)
    (site.root / STRATEGY).unlink()
    result = site.mkdocs("build")
    assert result.returncode == 1
    assert (
        f"{RECORD}:10: commitments[1]: is not one of the commitments (there is no {STRATEGY})."
    ) in result.stderr
