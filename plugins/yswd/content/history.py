"""Each record's history from git: the commits that touched its file, following renames.

Three processes for the whole site, whatever its size: `git rev-parse` (is this a repository,
is it a shallow copy), one `git log --raw -M` over the engagements folder, and one
`git cat-file --batch` that reads the record as it was at each commit, to know its status
then (so that a draft's history can be kept off the public site). Nothing here decides what
is shown: that is for the site, after the personal-data guard has read the commit subjects.

Without git, outside a repository, or for a file never committed, there is no history and
pages fall back to the record's `updated` date. In a shallow copy the oldest commit present
lists every file as added; a record whose trail reaches it is marked incomplete, because its
earlier history is not in the copy.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

GIT_TIMEOUT = 300
_FRONT_STATUS = re.compile(rb"^status:[ \t]*[\"']?([A-Za-z-]+)", re.M)
_ENV_CONFIG = ("-c", "core.quotepath=off", "-c", "log.showSignature=false", "-c", "diff.renames=true")


@dataclass(frozen=True)
class Commit:
    """A commit that touched a record's file, and the record's status in that version."""

    id: str
    day: date
    """The commit's date, as the committer's clock gave it."""
    subject: str
    """The first line of the commit message: untrusted text, not yet checked."""
    status: str | None
    """The record's `status` in the file as it was at this commit; None when unreadable."""


@dataclass(frozen=True)
class FileHistory:
    """The commits that touched one record's file, newest first."""

    commits: tuple[Commit, ...]
    complete: bool
    """False when the trail reaches the oldest commit of a shallow copy: earlier history is missing."""


@dataclass(frozen=True)
class RepositoryHistory:
    """The history of every record asked for, by the record file's path (resolved)."""

    files: dict[Path, FileHistory]
    shallow_since: date | None = None
    """In a shallow copy, the date of its oldest commit; None in a full repository."""


def read_history(folder: Path, files: list[Path]) -> RepositoryHistory | None:
    """The git history of `files`, or None without git or a repository.

    `folder` is resolved; `files` are paths inside it as written (not resolved one by one,
    which costs a system call per folder of every path), and the result is keyed by them.
    """
    repository = _repository(folder)
    if repository is None:
        return None
    top, shallow_ids = repository
    try:
        prefix = folder.relative_to(top)
    except ValueError:
        return None
    wanted = {}
    for path in files:
        try:
            wanted[(prefix / path.relative_to(folder)).as_posix()] = path
        except ValueError:
            continue
    log = _git(folder, "log", "-z", "--raw", "--no-abbrev", "-M", "--no-color", "--format=%x1e%H%x1f%cI%x1f%s", "--", ".")
    if log is None:
        return None
    trails, dates = _follow(_parse_log(log), set(wanted), shallow_ids)
    statuses = _statuses(folder, {blob for trail in trails.values() for _, blob, _ in trail})
    histories = {}
    for name, trail in trails.items():
        commits = tuple(Commit(c.id, c.day, c.subject, statuses.get(blob)) for c, blob, _ in trail)
        complete = bool(trail) and trail[-1][2] and trail[-1][0].id not in shallow_ids
        histories[wanted[name]] = FileHistory(commits, complete)
    since = min((dates[i] for i in shallow_ids if i in dates), default=None) if shallow_ids else None
    return RepositoryHistory(histories, since)


def _git(folder: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        result = subprocess.run(
            ["git", *_ENV_CONFIG, *args], cwd=folder, input=stdin, capture_output=True, timeout=GIT_TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def _repository(folder: Path) -> tuple[Path, set[str]] | None:
    """The repository's top folder and, in a shallow copy, the ids of its oldest commits."""
    if not folder.is_dir():
        return None
    found = _git(folder, "rev-parse", "--show-toplevel", "--is-shallow-repository", "--git-path", "shallow")
    if found is None:
        return None
    lines = found.decode("utf-8", "surrogateescape").splitlines()
    if len(lines) < 3:
        return None
    top, shallow, shallow_file = Path(lines[0]).resolve(), lines[1] == "true", folder / lines[2]
    ids = set(shallow_file.read_text(encoding="ascii").split()) if shallow and shallow_file.is_file() else set()
    return top, ids


@dataclass(frozen=True)
class _Logged:
    id: str
    day: date
    subject: str
    changes: tuple[tuple[str, str, tuple[str, ...]], ...]
    """(status letter, new blob id, paths): one path, or the old and new path of a rename or copy."""


def _parse_log(raw: bytes) -> list[_Logged]:
    """`git log -z --raw` output, newest commit first. Subjects are read up to the NUL git ends
    them with, so whatever a subject contains cannot be taken for the next commit."""
    commits = []
    position = 0
    size = len(raw)
    while position < size and raw[position : position + 1] == b"\x1e":
        end = raw.index(b"\0", position)
        commit_id, when, subject = raw[position + 1 : end].decode("utf-8", "replace").split("\x1f", 2)
        position = end + 1
        if raw[position : position + 1] == b"\n":
            position += 1
        changes = []
        while position < size and raw[position : position + 1] == b":":
            end = raw.index(b"\0", position)
            meta = raw[position + 1 : end].split()
            letter = meta[4][:1].decode()
            count = 2 if letter in ("R", "C") else 1
            paths = []
            position = end + 1
            for _ in range(count):
                end = raw.index(b"\0", position)
                paths.append(raw[position:end].decode("utf-8", "surrogateescape"))
                position = end + 1
            changes.append((letter, meta[3].decode(), tuple(paths)))
        commits.append(_Logged(commit_id, date.fromisoformat(when[:10]), subject, tuple(changes)))
    return commits


def _follow(commits: list[_Logged], wanted: set[str], shallow_ids: set[str]):
    """Each wanted file's trail through the commits, newest first, across renames.

    A trail is [(commit, blob, created)] where `created` marks the commit that added the file
    (or copied it from another). Going back in time, a rename moves the trail to the old name.
    """
    trails: dict[str, list[tuple[_Logged, str, bool]]] = {name: [] for name in wanted}
    current = {name: name for name in wanted}
    """The name each file had at the point in history being read -> the file's name today."""
    dates = {}
    for commit in commits:
        dates[commit.id] = commit.day
        for letter, blob, paths in commit.changes:
            path = paths[-1]
            today = current.get(path)
            if today is None or letter == "D":
                continue
            created = letter in ("A", "C")
            trails[today].append((commit, blob, created))
            del current[path]
            if letter == "R":
                current[paths[0]] = today
            elif not created:
                current[path] = today
    return trails, dates


def _statuses(folder: Path, blobs: set[str]) -> dict[str, str]:
    """The `status:` in the front matter of each blob, read with one `git cat-file --batch`.

    The output is searched where it lies, record by record, without copying each one out.
    """
    if not blobs:
        return {}
    out = _git(folder, "cat-file", "--batch", stdin="".join(f"{blob}\n" for blob in sorted(blobs)).encode())
    if out is None:
        return {}
    found = {}
    position = 0
    while position < len(out):
        header_end = out.index(b"\n", position)
        header = out[position:header_end].split()
        position = header_end + 1
        if len(header) != 3:
            continue  # "<id> missing": not in this copy
        end = position + int(header[2])
        status = _front_status(out, position, end)
        if status:
            found[header[0].decode()] = status
        position = end + 1
    return found


def _front_status(data: bytes, start: int, end: int) -> str | None:
    """The status written in the front matter (between the first two --- lines) of data[start:end]."""
    if data.startswith(b"\xef\xbb\xbf", start):
        start += 3
    if not data.startswith(b"---", start):
        return None
    closes = [at for at in (data.find(b"\n---", start + 3, end), data.find(b"\n...", start + 3, end)) if at >= 0]
    if not closes:
        return None
    match = _FRONT_STATUS.search(data, start, min(closes))
    return match.group(1).decode() if match else None
