"""The last word before MkDocs writes the site: every file it copies from docs_dir was checked.

The check walks the docs folder as MkDocs does (content/tree.py, with MkDocs' own exclusion
rule), so this should never find anything. It is here because MkDocs, not yswd, decides what
is copied: whatever way a file gets in (an exclude_docs line, a link into a hidden folder, a
MkDocs release that reads the folder differently), a file the guard did not read stops the
build instead of being published.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel

from yswd.content.records import Layout
from yswd.problems import Problem

UNCHECKED = (
    "MkDocs would publish this file, but the site's checks did not read it (it may be brought back "
    "into the site by exclude_docs in mkdocs.yml, or reached through a link), so it could hold "
    "personal data or a draft. Remove it from the content folder, or remove what brings it in."
)


def unchecked_files(files: Files, config: MkDocsConfig, checked: set[Path], layout: Layout) -> list[Problem]:
    """A problem for each file from docs_dir that the build will write and the guard did not scan.

    Files yswd makes (`generated_by`) and the theme's own (another `src_dir`, the custom_dir's
    scanned separately) are not docs_dir's.
    """
    docs_dir = os.path.abspath(config.docs_dir)
    return [
        Problem(layout.shown(Path(file.abs_src_path)), 1, "", UNCHECKED)
        for file in files
        if file.generated_by is None
        and file.src_dir is not None
        and os.path.abspath(file.src_dir) == docs_dir
        and file.inclusion != InclusionLevel.EXCLUDED
        and Path(os.path.abspath(file.abs_src_path)) not in checked
    ]
