"""The reader-panel approval rule from the content contract.

Reviews are ordered by date, then by their order in the list. A record is approved when,
after its latest changes-requested, it has approvals from at least the required number of
distinct reviewer codes.
"""

from __future__ import annotations

from yswd.content.model import Engagement


def current_approvers(engagement: Engagement) -> set[str]:
    """The distinct codes that approved after the latest request for changes."""
    ordered = sorted(enumerate(engagement.reviews), key=lambda pair: (pair[1].date, pair[0]))
    approvers: set[str] = set()
    for _, review in ordered:
        if review.verdict == "changes-requested":
            approvers.clear()
        else:
            approvers.add(review.reviewer)
    return approvers


def approvals_still_needed(engagement: Engagement, required: int) -> int:
    return max(0, required - len(current_approvers(engagement)))
