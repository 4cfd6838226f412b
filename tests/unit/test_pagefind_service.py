"""Talking to Pagefind in its service mode: a part of the index is made from pages sent down a
pipe, and whatever goes wrong on Pagefind's side (a page it cannot add, a crash, a reply that
is not a message) fails the build with what Pagefind said, naming the page."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from yswd.site import search
from yswd.site.search import SearchIndex, SearchIndexError

FAKE = '''
import base64, json, sys
mode = {mode!r}
unread = b""
while True:
    chunk = sys.stdin.buffer.read1(1 << 16)
    if not chunk:
        sys.exit(0)
    *messages, unread = (unread + chunk).split(b",")
    for message in messages:
        request = json.loads(base64.b64decode(message))
        payload = request["payload"]
        if mode == "crash" and payload["type"] == "AddFile":
            sys.stderr.write("thread 'main' panicked: out of memory")
            sys.exit(101)
        if mode == "garbage" and payload["type"] == "AddFile":
            sys.stdout.buffer.write(b"not base64!,")
            sys.stdout.flush()
            continue
        if payload["type"] == "NewIndex":
            reply = {{"type": "NewIndex", "index_id": 0}}
        elif payload["type"] == "AddFile" and "broken" in payload["file_path"]:
            reply = {{"type": "Error", "message": "Failed to add file"}}
        elif payload["type"] == "AddFile":
            reply = {{"type": "IndexedFile", "page_word_count": 1, "page_url": "/", "page_meta": {{}}}}
        else:
            reply = {{"type": "GetFiles", "files": []}}
        sys.stdout.buffer.write(base64.b64encode(json.dumps({{"message_id": request["message_id"], "payload": reply}}).encode()) + b",")
        sys.stdout.flush()
'''


def fake_pagefind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str) -> None:
    script = tmp_path / "pagefind"
    script.write_text(f"#!{sys.executable}\n" + FAKE.format(mode=mode), encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(script))


def index_of(tmp_path: Path, pages: list[str]) -> SearchIndex:
    index = SearchIndex(tmp_path / "site")
    for page in pages:
        index.add(page, "<p>What people told us about the clinic.</p>", "Clinic")
    return index


def test_a_page_pagefind_cannot_add_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_pagefind(tmp_path, monkeypatch, "error")
    index = index_of(tmp_path, ["engagements/a/index.html", "engagements/broken/index.html", "engagements/c/index.html"])
    with pytest.raises(SearchIndexError, match=r"engagements/broken/index.html: Failed to add file"):
        index.finish()
    assert index.running is None


def test_pagefind_stopping_part_way_fails_with_what_it_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_pagefind(tmp_path, monkeypatch, "crash")
    index = index_of(tmp_path, [f"engagements/{n}/index.html" for n in range(50)])
    with pytest.raises(SearchIndexError, match="panicked: out of memory"):
        index.finish()


def test_a_reply_that_is_not_a_message_fails_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_pagefind(tmp_path, monkeypatch, "garbage")
    index = index_of(tmp_path, ["engagements/a/index.html"])
    with pytest.raises(SearchIndexError, match="not a message"):
        index.finish()


def test_each_page_is_sent_once_in_order_with_its_title_when_it_has_no_heading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[dict] = []
    monkeypatch.setattr(search._Pagefind, "_send", lambda self, payload: (sent.append(payload), setattr(self, "sent", self.sent + 1)))
    monkeypatch.setattr(search, "PAGES_PER_PART", 2)
    index = SearchIndex(tmp_path / "site")
    index.add("a/index.html", "<h1>Own heading</h1><p>One</p>", "Title A")
    index.add("b/index.html", "<p>Two & more</p>", "B & C")
    index.add("c/index.html", "<p>Three</p>", "C")
    index.all_added()
    first = [payload for payload in sent[: 4]]
    assert [payload["type"] for payload in first] == ["NewIndex", "AddFile", "AddFile", "GetFiles"]
    assert first[0]["config"] == search.OPTIONS and json.dumps(search.OPTIONS, sort_keys=True) in search._pagefind()
    assert first[1]["file_path"] == "a/index.html" and "Title A" not in first[1]["file_contents"]
    assert "<h1>B &amp; C</h1>\n<p>Two & more</p>" in first[2]["file_contents"]
    assert index.parts[1].unsent, "the second part waits while the first is written"
    index.abandon()


@pytest.mark.parametrize("polled", [True, False], ids=["replies-read-as-they-come", "replies-read-when-needed"])
def test_every_part_is_made_whole_by_the_real_pagefind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, polled: bool) -> None:
    """Where a pipe can't be read without waiting (Windows before Python 3.12), each part's
    replies are read once the part is needed; the index is the same."""
    if not polled:
        monkeypatch.setattr(search, "_without_waiting", lambda pipe: False)
    monkeypatch.setattr(search, "PAGES_PER_PART", 2)
    index = SearchIndex(tmp_path / "site")
    for n in range(5):
        index.add(f"engagements/e{n}/index.html", f"<p>People in area {n} told us about waiting times.</p>", f"Engagement {n}")
        index.advance()
    index.finish()
    more = json.loads((tmp_path / "site" / "pagefind" / search.MORE_PARTS).read_text(encoding="utf-8"))
    assert more == ["../pagefind-2/", "../pagefind-3/"]
    for folder, pages in (("pagefind", 2), ("pagefind-2", 2), ("pagefind-3", 1)):
        search.check_index(tmp_path / "site" / folder, pages)
