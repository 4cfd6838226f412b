"""Paths in messages are shown relative to the project, with forward slashes, however the
project's folder was given (absolute, relative, `.`, `/`)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from yswd.content.records import Layout

NAMES = st.text(alphabet="abc.-_ ", min_size=1, max_size=5).filter(lambda name: name.strip(".") != "" or name == "..")
ROOTS = st.sampled_from([Path("/srv/icb-site"), Path("/srv/icb-site/"), Path("/"), Path("rel/site"), Path(".")])


@given(ROOTS, st.lists(NAMES, max_size=4))
def test_a_path_inside_the_project_is_shown_as_pathlib_would(root: Path, names: list[str]) -> None:
    layout = Layout(root=root, docs_dir=root / "content", config_dir=root / "site_config")
    path = root.joinpath(*names)
    assert layout.shown(path) == path.relative_to(root).as_posix()


def test_a_path_beside_the_project_is_not_taken_for_one_inside_it() -> None:
    layout = Layout(root=Path("/srv/icb-site"), docs_dir=Path("/srv/icb-site/content"), config_dir=Path("/srv/icb-site/site_config"))
    assert layout.shown(Path("/srv/icb-site-old/content/a.md")) == "/srv/icb-site-old/content/a.md"
