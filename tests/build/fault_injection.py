"""Run `mkdocs build` with one fault injected at a named step: `python fault_injection.py STEP`.

Run in the site's folder, as a process of its own, so that a kill is a real SIGKILL of a real
build. The steps wrap the publishing module's own functions and the os calls it makes.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
from pathlib import Path

import yswd.site.publish as publish
import yswd.site.search as search


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def fail(code: int):
    def raising(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    return raising


def kill_before_exchange() -> None:
    exchange = publish._exchange
    publish._exchange = lambda *args: (die(), exchange(*args))


def kill_after_exchange() -> None:
    exchange = publish._exchange
    publish._exchange = lambda *args: (exchange(*args), die())


def kill_while_removing_the_old_site() -> None:
    exchange, unlink = publish._exchange, os.unlink
    state = {"swapped": False, "removed": 0}

    def swapped(*args):
        exchange(*args)
        state["swapped"] = True

    def removing(*args, **kwargs):
        if state["swapped"]:
            state["removed"] += 1
            if state["removed"] == 3:
                die()
        return unlink(*args, **kwargs)

    publish._exchange, os.unlink = swapped, removing


def _without_exchange() -> None:
    publish._rename_exchange = fail(errno.EINVAL)


def _on_second_rename_in_exchange(fault) -> None:
    """Where the file system can't exchange: `fault` instead of moving the new site in."""
    _without_exchange()
    exchange, rename, calls = publish._exchange, os.rename, []

    def renaming(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            fault()
        return rename(*args, **kwargs)

    def exchanging(*args):
        os.rename = renaming
        try:
            exchange(*args)
        finally:
            os.rename = rename

    publish._exchange = exchanging


def kill_between_the_two_renames() -> None:
    _on_second_rename_in_exchange(die)


def second_rename_fails_exdev() -> None:
    _on_second_rename_in_exchange(fail(errno.EXDEV))


def exchange_fails_eacces() -> None:
    publish._rename_exchange = fail(errno.EACCES)


def exchange_fails_eperm() -> None:
    publish._rename_exchange = fail(errno.EPERM)


def exchange_fails_exdev() -> None:
    publish._rename_exchange = fail(errno.EXDEV)


def no_exchange() -> None:
    _without_exchange()


def _is_pagefind(command) -> bool:
    """subprocess.Popen is the module's, shared with other callers (git, for records' history)."""
    return isinstance(command, (list, tuple)) and "--service" in command


class _PagefindProcess(search.subprocess.Popen):
    """Pagefind as the search module starts it, with something done once it has exited."""

    after: staticmethod = staticmethod(lambda process: None)

    def poll(self):
        return self._ended(super().poll())

    def wait(self, timeout=None):
        return self._ended(super().wait(timeout))

    def _ended(self, code):
        if code is not None and _is_pagefind(self.args) and not getattr(self, "done", False):
            self.done = True
            type(self).after(self)
        return self.returncode


def _after_pagefind(after) -> None:
    _PagefindProcess.after = staticmethod(after)
    search.subprocess.Popen = _PagefindProcess


def kill_while_indexing() -> None:
    _after_pagefind(lambda process: die())


def _damage(damage) -> None:
    """Damage each part Pagefind writes before it is checked."""
    check = search.check_index
    search.check_index = lambda folder, pages: (damage(folder), check(folder, pages))[1]


def index_cut_short() -> None:
    def cut(folder: Path) -> None:
        fragment = sorted((folder / "fragment").iterdir())[0]
        fragment.write_bytes(fragment.read_bytes()[:20])

    _damage(cut)


def index_entry_missing() -> None:
    _damage(lambda folder: (folder / "pagefind-entry.json").unlink())


def index_page_missing() -> None:
    _damage(lambda folder: sorted((folder / "fragment").iterdir())[0].unlink())


def pagefind_fails() -> None:
    def failed(process: _PagefindProcess) -> None:
        process.returncode = 1

    _after_pagefind(failed)


STEPS = {
    step.__name__: step
    for step in (
        kill_before_exchange, kill_after_exchange, kill_while_removing_the_old_site, kill_between_the_two_renames,
        second_rename_fails_exdev, exchange_fails_eacces, exchange_fails_eperm, exchange_fails_exdev, no_exchange,
        kill_while_indexing, index_cut_short, index_entry_missing, index_page_missing, pagefind_fails,
    )
}


def main() -> None:
    STEPS[sys.argv[1]]()
    from mkdocs.__main__ import cli

    cli(["build", *sys.argv[2:]])


if __name__ == "__main__":
    main()
