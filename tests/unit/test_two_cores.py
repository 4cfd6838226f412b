"""Work shared between two cores (two_cores.py): every result kept once, the same as made
alone, whatever the helper process does."""

from __future__ import annotations

import logging
import os
import time

import pytest

from yswd.two_cores import MIN_ITEMS, TEXT, Codec, share

MAIN = os.getpid()
ITEMS = [f"page-{number}" for number in range(MIN_ITEMS * 6)]


def draw(item: str) -> str:
    return f"<h1>{item}</h1>" + "é" * (len(item) % 7)


def kept(items, draw_page, tmp_path, parallel=True) -> dict[str, str]:
    result: dict[str, str] = {}

    def keep(item: str, html: str) -> None:
        assert item not in result, f"{item} kept twice"
        result[item] = html

    share(items, draw_page, keep, TEXT, tmp_path, parallel=parallel)
    return result


def in_helper() -> bool:
    return os.getpid() != MAIN


def test_every_page_is_kept_once_and_as_drawn_alone(tmp_path):
    alone = kept(ITEMS, draw, tmp_path, parallel=False)
    assert alone == {item: draw(item) for item in ITEMS}
    assert kept(ITEMS, draw, tmp_path) == alone


def test_both_processes_draw(tmp_path):
    """The helper really takes a share: pages it drew say so (a marker only the test's draw adds)."""

    def slow(item: str) -> str:
        time.sleep(0.002)  # pages that take time to draw, as real ones do
        return f"{item} {'helper' if in_helper() else 'main'}"

    pages = kept(ITEMS, slow, tmp_path)
    drawn_by = {html.rsplit(" ", 1)[1] for html in pages.values()}
    assert drawn_by == {"helper", "main"}


def test_a_page_the_helper_cannot_draw_is_drawn_here(tmp_path):
    def flaky(item: str) -> str:
        if in_helper() and item.endswith("7"):
            raise ValueError("only in the helper")
        return draw(item)

    assert kept(ITEMS, flaky, tmp_path) == {item: draw(item) for item in ITEMS}


def test_an_error_in_drawing_is_raised_here(tmp_path):
    def broken(item: str) -> str:
        if item == "page-3":
            raise ValueError("page-3 is broken")
        return draw(item)

    with pytest.raises(ValueError, match="page-3 is broken"):
        kept(ITEMS, broken, tmp_path)


def test_a_helper_that_dies_costs_time_not_pages(tmp_path):
    def dying(item: str) -> str:
        if in_helper() and item == "page-10":
            os._exit(3)
        return draw(item)

    assert kept(ITEMS, dying, tmp_path) == {item: draw(item) for item in ITEMS}


def test_what_the_helper_logs_is_logged_here(tmp_path, caplog):
    def chatty(item: str) -> str:
        if item == "page-0":
            logging.getLogger("mkdocs.plugins.yswd").warning("a warning while drawing %s", item)
        return draw(item)

    with caplog.at_level(logging.WARNING):
        kept(ITEMS, chatty, tmp_path)
    assert [record.getMessage() for record in caplog.records] == ["a warning while drawing page-0"]


def test_few_pages_are_drawn_here_alone(tmp_path):
    items = ITEMS[: MIN_ITEMS - 1]
    pages = kept(items, lambda item: "helper" if in_helper() else "main", tmp_path)
    assert set(pages.values()) == {"main"}


def test_nothing_is_left_in_the_scratch_folder(tmp_path):
    kept(ITEMS, draw, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_results_of_any_kind_come_back_through_their_codec(tmp_path):
    import pickle

    result: dict[str, tuple] = {}
    share(ITEMS, lambda item: (item, len(item), {"helper": in_helper()}), result.__setitem__, Codec(pickle.dumps, pickle.loads), tmp_path)
    assert {item: value[:2] for item, value in result.items()} == {item: (item, len(item)) for item in ITEMS}
