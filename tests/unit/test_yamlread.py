"""YAML read the way staff mean it, with a line for every value."""

from datetime import date

import pytest

from yswd.content.yamlread import YamlSyntaxError, read_yaml


def test_scalars_follow_yaml_1_2_not_yaml_1_1() -> None:
    data, _, problems = read_yaml("a: no\nb: yes\nc: on\nd: 1:20\ne: 0755\nf: true\ng: 2025-03-01\nh: 2025-02-30\ni: 12\nj: 1.10\nk: ~\n")
    assert problems == []
    assert data == {
        "a": "no", "b": "yes", "c": "on", "d": "1:20", "e": "0755", "f": True,
        "g": date(2025, 3, 1), "h": "2025-02-30", "i": 12, "j": 1.1, "k": None,
    }
    assert data["j"].source == "1.10" and data["i"].source == "12"


def test_every_key_and_item_has_its_line() -> None:
    _, marks, _ = read_yaml("title: x\nlist:\n  - id: a\n    text: b\n  - id: c\n", first_line=2)
    assert marks.line(("title",)) == 2
    assert marks.line(("list",)) == 3
    assert marks.line(("list", 0, "text")) == 5
    assert marks.line(("list", 1)) == 6
    assert marks.line(("list", 1, "missing")) == 6
    assert marks.line(("nothing",)) == 2


def test_duplicate_keys_are_reported_not_overwritten() -> None:
    data, _, problems = read_yaml("title: first\nsummary: s\ntitle: second\n")
    assert data["title"] == "first"
    assert [(p.line, p.path, p.message) for p in problems] == [
        (3, ("title",), 'This field is given twice (first on line 1). Keep one and delete the other.')
    ]


@pytest.mark.parametrize(
    ("text", "line", "start"),
    [
        ("a: 1\n\tb: 2\n", 2, "This line has a tab character."),
        ("summary: We asked: why?\n", 1, "There is a colon followed by a space"),
        ('a: "open\nb: 1\n', 1, "A quotation mark or bracket opened here is never closed."),
        ("a: [1, 2\nb: 3\n", 1, "A list in square brackets is not written properly."),
        ("a: &x [1]\nb: *x\n", 2, "This uses a YAML alias"),
        ("a: !!python/object:os.system x\n", 1, "This uses a YAML tag"),
        ("a: @x\n", 1, "A value here starts with a character YAML keeps for itself"),
        ("a: 1\n---\nb: 2\n", 2, "There is a second --- line"),
    ],
)
def test_syntax_errors_are_plain_english(text: str, line: int, start: str) -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        read_yaml(text)
    assert caught.value.line == line
    assert caught.value.message.startswith(start)


def test_deep_nesting_is_refused_not_crashed() -> None:
    with pytest.raises(YamlSyntaxError, match="nested too deeply"):
        read_yaml("a: " + "[" * 5000 + "]" * 5000)
