"""The build cache's pack: what a build reuses stays where it is, only new entries are
written, unused data files go, and nothing half-written or damaged is ever read back."""

from __future__ import annotations

import json
from pathlib import Path

from yswd.mkdocs_plugin.build_cache import DATA_FILES, Pack


def data_files(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_size for p in folder.glob("pages.pack.*")}


def fill(folder: Path, entries: dict[str, str]) -> None:
    pack = Pack(folder / "pages.pack")
    for key, text in entries.items():
        pack.put(key, text)
    pack.commit()


def test_entries_read_back_in_the_next_build(tmp_path: Path) -> None:
    fill(tmp_path, {"a": "first page", "b": "second page ✓"})
    pack = Pack(tmp_path / "pages.pack")
    assert pack.has("a") and not pack.has("c")
    assert (pack.get("a"), pack.get("b"), pack.get("c")) == ("first page", "second page ✓", None)


def test_a_warm_build_writes_only_what_is_new_and_keeps_what_it_reused_in_place(tmp_path: Path) -> None:
    fill(tmp_path, {f"page {n}": "x" * 1000 for n in range(100)})
    [(first, size)] = data_files(tmp_path).items()
    pack = Pack(tmp_path / "pages.pack")
    for n in range(99):
        assert pack.get(f"page {n}") == "x" * 1000
    pack.put("changed", "y" * 1000)
    pack.commit()
    files = data_files(tmp_path)
    assert files.pop(first) == size, "the reused entries were not copied"
    assert list(files.values()) == [1000], "the new data file holds the new entry only"
    pack = Pack(tmp_path / "pages.pack")
    assert pack.get("changed") == "y" * 1000 and pack.get("page 0") == "x" * 1000 and pack.get("page 99") is None


def test_a_data_file_mostly_unused_is_copied_down_and_removed(tmp_path: Path) -> None:
    fill(tmp_path, {f"page {n}": "x" * 1000 for n in range(100)})
    [first] = data_files(tmp_path)
    pack = Pack(tmp_path / "pages.pack")
    assert pack.get("page 7") == "x" * 1000
    pack.commit()
    assert first not in data_files(tmp_path) and list(data_files(tmp_path).values()) == [1000]
    assert Pack(tmp_path / "pages.pack").get("page 7") == "x" * 1000


def test_data_files_stay_few_however_many_builds(tmp_path: Path) -> None:
    fill(tmp_path, {f"page {n}": "x" * 1000 for n in range(100)})
    for build in range(3 * DATA_FILES):
        pack = Pack(tmp_path / "pages.pack")
        for n in range(100):
            pack.get(f"page {n}")
        for n in range(build + 1):
            pack.get(f"build {n}") if n < build else pack.put(f"build {n}", f"made in build {n}")
        pack.commit()
    assert len(data_files(tmp_path)) <= DATA_FILES
    pack = Pack(tmp_path / "pages.pack")
    assert [pack.get(f"build {n}") for n in range(3 * DATA_FILES)] == [f"made in build {n}" for n in range(3 * DATA_FILES)]


def test_a_failed_build_leaves_the_last_pack_as_it_was(tmp_path: Path) -> None:
    fill(tmp_path, {"a": "kept"})
    before = ((tmp_path / "pages.pack").read_bytes(), data_files(tmp_path))
    pack = Pack(tmp_path / "pages.pack")
    pack.put("b", "never committed")
    pack.abandon()
    assert ((tmp_path / "pages.pack").read_bytes(), data_files(tmp_path)) == before
    assert Pack(tmp_path / "pages.pack").get("b") is None


def test_two_builds_at_once_leave_a_pack_whose_every_entry_reads_back(tmp_path: Path) -> None:
    fill(tmp_path, {"a": "shared"})
    one, two = Pack(tmp_path / "pages.pack"), Pack(tmp_path / "pages.pack")
    for pack, name in ((one, "one"), (two, "two")):
        assert pack.get("a") == "shared"
        pack.put(name, f"made by {name}")
    one.commit()
    two.commit()
    pack = Pack(tmp_path / "pages.pack")
    assert (pack.get("a"), pack.get("two"), pack.get("one")) == ("shared", "made by two", None)


def test_damaged_entries_and_a_hostile_index_are_misses(tmp_path: Path) -> None:
    fill(tmp_path, {"a": "a" * 100, "b": "b" * 100})
    [name] = data_files(tmp_path)
    data = bytearray((tmp_path / name).read_bytes())
    data[10] ^= 0x55
    (tmp_path / name).write_bytes(bytes(data))
    pack = Pack(tmp_path / "pages.pack")
    assert (pack.get("a"), pack.get("b")) == (None, "b" * 100)
    index = json.loads((tmp_path / "pages.pack").read_text(encoding="utf-8"))
    secret = tmp_path.parent / "secret.txt"
    secret.write_text("not the cache's", encoding="utf-8")
    index["entries"]["b"] = ["../" + secret.name, 0, 15, 0]
    index["entries"]["c"] = "nonsense"
    (tmp_path / "pages.pack").write_text(json.dumps(index), encoding="utf-8")
    pack = Pack(tmp_path / "pages.pack")
    assert (pack.get("b"), pack.get("c")) == (None, None)
    (tmp_path / "pages.pack").write_text("{not json", encoding="utf-8")
    assert Pack(tmp_path / "pages.pack").get("b") is None
