"""A record's listing item is drawn once and reused with each page's own link, byte for byte."""

from types import SimpleNamespace

from jinja2 import DictLoader, Environment, select_autoescape

from yswd.site.render import ListedItems

TEMPLATE = (
    '{% macro item(record, heading="h3", href=none) %}{% set _ = drawn.append(record.id) %}'
    '<li><{{ heading }}><a href="{{ href or "?" }}">{{ record.title }}</a></{{ heading }}></li>{% endmacro %}'
)


def _item_macro(drawn: list[str]):
    env = Environment(loader=DictLoader({"t.html": TEMPLATE}), autoescape=select_autoescape(default=True))
    env.globals["drawn"] = drawn
    return env.get_template("t.html").module.item


def test_each_record_is_drawn_once_and_given_each_pages_link() -> None:
    drawn: list[str] = []
    item = _item_macro(drawn)
    record = SimpleNamespace(id="a", digest="1", title="Fish & chips <fast>")
    items = ListedItems()
    links = ["../engagements/a/", "../../engagements/a/", "../../engagements/a/?x=1&y=2"]
    assert [items(item, record, "h2", href) for href in links] == [item(record, "h2", href) for href in links]
    assert drawn.count("a") == 1 + len(links)  # once for the listings, then once each to compare


def test_a_record_whose_text_holds_the_mark_is_drawn_on_each_page() -> None:
    drawn: list[str] = []
    item = _item_macro(drawn)
    record = SimpleNamespace(id="b", digest="2", title="odd \x00yswd-item-link\x00 title")
    items = ListedItems()
    shown = [items(item, record, "h2", href) for href in ("x/", "y/")]
    assert shown == [item(record, "h2", "x/"), item(record, "h2", "y/")]
    assert 'href="x/"' in shown[0] and 'href="y/"' in shown[1]


def test_the_next_serve_rebuild_draws_only_the_records_that_changed() -> None:
    drawn: list[str] = []
    item = _item_macro(drawn)
    a, b = SimpleNamespace(id="a", digest="1", title="First"), SimpleNamespace(id="b", digest="1", title="Second")
    items = ListedItems().next_build("settings")
    first = [items(item, record, "h2", "x/") for record in (a, b)]
    edited = SimpleNamespace(id="b", digest="2", title="Second, edited")
    drawn.clear()
    items.next_build("settings")
    assert [items(item, record, "h2", "x/") for record in (a, edited)] == [first[0], item(edited, "h2", "x/")]
    assert drawn == ["b", "b"], "only the edited record is drawn (then once more to compare)"
    drawn.clear()
    items.next_build("settings changed")
    items(item, a, "h2", "x/")
    assert drawn == ["a"], "new settings: every item is drawn again"


def test_a_record_left_out_of_one_rebuild_is_drawn_again_in_the_next() -> None:
    drawn: list[str] = []
    item = _item_macro(drawn)
    a = SimpleNamespace(id="a", digest="1", title="First")
    items = ListedItems().next_build("s")
    items(item, a, "h2", "x/")
    items.next_build("s")
    items.next_build("s")
    drawn.clear()
    items(item, a, "h2", "x/")
    assert drawn == ["a"], "only what the last build drew is kept"
