"""Putting a finished build where the site is served from, whole at every instant.

Each build writes into a folder of its own beside the site (`.site.yswd-building-<random>`),
so two builds at once never share one. When a build has succeeded, its folder and the site
folder are exchanged in one atomic step (Linux `renameat2(RENAME_EXCHANGE)`, the equivalent of
swapping a symlink with `os.replace`, but `site/` stays a real folder, as deployments expect):
at every instant `site/` is the old site or the new one, whole. The old site, now at the
building folder's name, is deleted after. A `site/` that is a symlink (to a web root) is
followed: the exchange happens at the folder it points to, so the web root is what changes.

Where the file system can't exchange (not Linux, or NFS), the site is moved aside and the
new one renamed in: two renames, with an instant between them without a site. A kill there is
repaired by the next build, which puts the old site back before doing anything else.

A build holds a lock on its own folder while it runs, so a later build can tell the folders
of builds that were killed (and remove them) from those of builds still running.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import stat
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

try:
    import fcntl
except ImportError:  # Windows: no folder locks, so no clearing of killed builds' folders
    fcntl = None

BUILDING = "yswd-building-"
OLD = "yswd-old"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class PublishError(Exception):
    """The finished build could not be put in place; the old site is unchanged."""


@dataclass
class Build:
    """A build in progress: its own folder, the site it will replace, and the lock it holds."""

    folder: Path
    final: Path
    lock: int | None = None

    def discard(self) -> None:
        """Throw the build away, leaving the site as it was."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self.release()

    def release(self) -> None:
        if self.lock is not None:
            os.close(self.lock)
            self.lock = None


def start_build(site_dir: Path) -> Build:
    """A new, empty building folder beside the site, locked for this build."""
    final = _served_folder(site_dir)
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        with _locked(final.parent):
            _repair(final)
            _clear_killed_builds(final)
            folder = Path(tempfile.mkdtemp(prefix=f".{final.name}.{BUILDING}", dir=final.parent))
            os.chmod(folder, _mode(final))
            return Build(folder, final, _lock(folder))
    except OSError as error:
        raise PublishError(
            f"The site can't be built: a new folder can't be made beside {site_dir} ({_reason(error)}). "
            "The old site is unchanged."
        ) from None


def publish(build: Build) -> None:
    """Put the finished build in place of the site, atomically; then delete the old site."""
    final, folder = build.final, build.folder
    try:
        if not final.exists():
            os.rename(folder, final)
        else:
            _exchange(folder, final)
    except OSError as error:
        build.discard()
        raise PublishError(
            f"The new site was built but could not be put in place of {final} ({_reason(error)}). "
            "The old site is unchanged: fix the folder's permissions and build again."
        ) from None
    build.release()
    shutil.rmtree(folder, ignore_errors=True)


def _mode(final: Path) -> int:
    """The site folder's permissions, kept; for a first build, what mkdir would give (mkdtemp's
    own folders are private, which a web server could not read)."""
    if final.is_dir():
        return stat.S_IMODE(final.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def _served_folder(site_dir: Path) -> Path:
    """The folder that is served: the site folder, or what it links to when it is a symlink."""
    if site_dir.is_symlink():
        return Path(os.path.realpath(site_dir))
    return Path(os.path.abspath(site_dir))


def _exchange(new: Path, final: Path) -> None:
    """Swap two folders' names in one step, or in two renames where the system can't."""
    try:
        _rename_exchange(new, final)
        return
    except OSError as error:
        if error.errno not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
            raise
    old = _sibling(final, OLD)
    shutil.rmtree(old, ignore_errors=True)
    os.rename(final, old)
    try:
        os.rename(new, final)
    except OSError:
        os.rename(old, final)
        raise
    os.rename(old, new)


def _rename_exchange(a: Path, b: Path) -> None:
    renameat2 = getattr(_libc(), "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available")
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(a), None, str(b))


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def _repair(final: Path) -> None:
    """A kill between the two renames of the fallback left the old site aside: put it back."""
    old = _sibling(final, OLD)
    if old.is_dir() and not final.exists():
        os.rename(old, final)


def _clear_killed_builds(final: Path) -> None:
    """Delete building folders no build holds a lock on: their builds were killed."""
    if fcntl is None:
        return
    for folder in final.parent.glob(f".{final.name}.{BUILDING}*"):
        lock = _lock(folder)
        if lock is not None:
            shutil.rmtree(folder, ignore_errors=True)
            os.close(lock)


@contextmanager
def _locked(parent: Path) -> Iterator[None]:
    """Builds starting beside the same site one at a time: none clears another's new folder."""
    descriptor = os.open(parent, os.O_RDONLY) if fcntl is not None else None
    try:
        if descriptor is not None:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        if descriptor is not None:
            os.close(descriptor)


def _lock(folder: Path) -> int | None:
    """An exclusive lock on the folder, held until closed; None if another build holds it."""
    if fcntl is None:
        return None
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        return None
    return descriptor


def _sibling(final: Path, purpose: str) -> Path:
    return final.parent / f".{final.name}.{purpose}"


def _reason(error: OSError) -> str:
    """Why a file operation failed, in words: "permission denied"."""
    words = {
        errno.EACCES: "permission denied",
        errno.EPERM: "the system does not allow it",
        errno.EXDEV: "it is on another disk, or is a mount point",
        errno.EBUSY: "the folder is in use, or is a mount point",
        errno.ENOSPC: "the disk is full",
        errno.EROFS: "the disk is read-only",
    }
    return words.get(error.errno, os.strerror(error.errno) if error.errno else str(error)).lower()
