"""`mkdocs serve` that keeps serving when a rebuild fails.

MkDocs 1.6's server holds every request until the rebuild in progress has finished, and a
rebuild that fails never finishes: a page asked for while a record is broken would wait for
ever. The build has already logged the problems (file, line, field); here the server is told
the rebuild is over, so it goes on serving the last site that built (the checks run before
MkDocs empties the folder), and the next save rebuilds as usual.
"""

from __future__ import annotations

import traceback
from typing import Callable

from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

NOT_REBUILT = (
    "The preview was not rebuilt: fix the problems above and save again. "
    "Until then it shows the last site that built."
)


def keep_serving_on_failure(server: LiveReloadServer) -> None:
    """Wrap the server's rebuild so that a failed one is reported and ends, instead of hanging requests."""
    rebuild: Callable[..., None] = server.builder
    if getattr(rebuild, "keeps_serving", False):  # on_serve runs again if MkDocs reloads the config
        return

    def rebuild_or_keep_last(*args, **kwargs) -> None:
        try:
            rebuild(*args, **kwargs)
        except Abort:  # a build error: MkDocs has logged the problems already
            log.error(NOT_REBUILT)
        except Exception:
            traceback.print_exc()
            log.error(NOT_REBUILT)

    rebuild_or_keep_last.keeps_serving = True  # type: ignore[attr-defined]
    server.builder = rebuild_or_keep_last
