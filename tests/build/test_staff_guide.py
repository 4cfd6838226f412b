"""Every field of the content format is documented for staff, in the built "How to edit" page."""

from __future__ import annotations

import html
import re

import yaml
from pathlib import Path

from conftest import ROOT

CONTRACT = ROOT / "docs" / "content-format.md"


def contract_fields() -> set[str]:
    """Field names used in the contract's examples of records, strategy and settings."""
    text = CONTRACT.read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:yaml|markdown)\n(.*?)```", text, re.S)
    names: set[str] = set()
    taxonomy_keys: set[str] = set()
    for block in blocks:
        if "PCN:" in block:  # the glossary example: its keys are terms, not fields
            continue
        names.update(re.findall(r"(?m)^\s*(?:-\s+)?([a-z][a-z_]*):", block))
        if block.startswith("name:"):  # organisation.yml: taxonomies map keys chosen by staff
            settings = yaml.safe_load(block)
            for taxonomy in ("localities", "topics", "groups", "engagement_types"):
                taxonomy_keys.update(settings[taxonomy])
    return names - taxonomy_keys


def test_every_contract_field_is_in_the_field_reference(example_public: Path) -> None:
    page = (example_public / "how-to-edit/index.html").read_text(encoding="utf-8")
    documented = {name.rsplit(".", 1)[-1].removesuffix("[]") for name in re.findall(r"<tr><td><code>([^<]+)</code>", page)}
    documented |= {part.removesuffix("[]") for name in re.findall(r"<tr><td><code>([^<]+)</code>", page) for part in name.split(".")}
    fields = contract_fields()
    assert len(fields) > 60
    missing = sorted(fields - documented)
    assert missing == [], f"fields in the contract but not in the staff guide: {missing}"
    rows = re.findall(r"<tr><td><code>([^<]+)</code></td><td>([^<]+)</td><td>([^<]*)</td></tr>", page)
    assert all(description.strip() for _, _, description in rows), "every field has a description"
    assert ("title", "Yes") in {(n, r) for n, r, _ in rows}
    assert ("summary", "For review and published") in {(n, r) for n, r, _ in rows}
    assert html.unescape("we_did[].responds_to") in {n for n, _, _ in rows}
