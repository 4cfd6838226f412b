"""The open data files, written to a temporary folder as soon as they are made, for MkDocs to
copy into the site: tens of megabytes at 10,000 records (engagements.json, the CSV, the filter
index) that would otherwise be held in memory for the whole build, beside every page."""

from __future__ import annotations

import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File


class DataOnDisk:
    def __init__(self) -> None:
        self.folder: tempfile.TemporaryDirectory | None = None

    def files(self, config: MkDocsConfig, made: dict[str, str | bytes]) -> list[File]:
        """A file of the site for each of `made` (its path in the site, and its text or bytes)."""
        self.close()
        self.folder = tempfile.TemporaryDirectory(prefix="yswd-data-")
        files = []
        for path, data in made.items():
            target = Path(self.folder.name, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)  # as MkDocs writes generated text
            files.append(File.generated(config, path, abs_src_path=str(target)))
        return files

    def close(self) -> None:
        """The build is over (or a new one starts): the files are in the site, or not wanted."""
        if self.folder is not None:
            self.folder.cleanup()
            self.folder = None
