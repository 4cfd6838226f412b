"""The compact index that the filter script (assets/filter.js) loads the first time someone filters.

One index serves an organisation's site and a regional one: each says which facets it has and
which of them (and the start date) make the line of facts under each result, so the script
knows nothing of either site. Without JavaScript, the same facets are static listings.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Iterable, Sequence

from yswd.site.pages import Facet

START = "start"
"""In `meta`, the place of the start date among the facets."""


def filter_index(
    facets: Sequence[Facet], records: Iterable[Any], row: Callable[[Any], tuple[str, str, str]], meta: Sequence[str]
) -> str:
    """Facet values listed once; each record is [title, address, start date, then for each facet
    the positions of its values]. About 100 bytes a record before compression.

    `row` gives a record's title, site-relative address and start date (YYYY-MM-DD or YYYY-MM);
    `meta` names the facets (and START) shown on each result's line, in order.
    """
    described = []
    for facet in facets:
        entry: dict[str, object] = {"name": facet.name, "labels": [label for _, label in facet.values], "keys": [key for key, _ in facet.values]}
        if facet.everywhere:
            entry["everywhere"] = facet.everywhere
        described.append(entry)
    positions = [{key: i for i, (key, _) in enumerate(facet.values)} for facet in facets]
    rows = []
    for record in records:
        line: list[object] = list(row(record))
        for facet, position in zip(facets, positions):
            keys = (facet.indexed_keys_of or facet.keys_of)(record)
            line.append([position[k] for k in keys if k in position])
        rows.append(line)
    return json.dumps({"facets": described, "meta": list(meta), "records": rows}, ensure_ascii=False, separators=(",", ":"))
