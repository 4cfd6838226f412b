"""The printable review pack: every record waiting for the panel, with the checklist, as a PDF."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from conftest import SiteFolder, list_item_tags

IN_REVIEW = """---
title: Evening clinic times
type: survey
status: review
summary: We asked when the clinic should open in the evening.
start: 2025-02-01
reach: {participants: 40}
you_said: [{id: late, theme: Open later on weekdays}]
we_did: [{id: trial, responds_to: [late], action: We will try opening until 8pm., status: planned}]
reviews: [{reviewer: RP-03, date: 2025-03-01, verdict: approved}]
---
"""


def test_review_pack_pdf_holds_records_in_review_and_the_checklist(site: SiteFolder, tmp_path: Path) -> None:
    site.record("evening.md", IN_REVIEW)
    out = tmp_path / "pack.pdf"
    result = site.yswd("review-pack", "--pdf", str(out))
    assert result.returncode == 0, result.stderr
    assert "for the reader panel only" in result.stdout
    reader = PdfReader(out)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Review pack" in text and "Checklist for each record" in text
    assert "Evening clinic times" in text and "It still needs 1 approval before" in text
    assert "Scan appointment times" not in text  # published, not waiting for review
    assert reader.outline[0].title == "Review pack"
    assert reader.outline[1][0].title == "Checklist for each record"  # nested under the title
    assert reader.outline[2].title == "Evening clinic times"
    assert set(list_item_tags(reader)) <= {("/Lbl", "/LBody"), ("/LBody",)}  # numbers beside their content
