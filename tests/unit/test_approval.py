"""The reader-panel approval rule: distinct approvals after the latest changes-requested."""

from datetime import date

from yswd.content.approval import approvals_still_needed, current_approvers
from yswd.content.model import Engagement, Review


def engagement(*reviews: tuple[str, str, str]) -> Engagement:
    return Engagement(
        title="t", type="survey", status="draft", start=date(2025, 1, 1),
        reviews=[Review(reviewer=code, date=day, verdict=verdict) for code, day, verdict in reviews],
    )


def test_distinct_codes_count_once() -> None:
    e = engagement(("RP-1", "2025-01-02", "approved"), ("RP-1", "2025-01-03", "approved"))
    assert current_approvers(e) == {"RP-1"}
    assert approvals_still_needed(e, 2) == 1


def test_changes_requested_resets_earlier_approvals() -> None:
    e = engagement(
        ("RP-1", "2025-01-02", "approved"),
        ("RP-2", "2025-01-03", "changes-requested"),
        ("RP-3", "2025-01-04", "approved"),
    )
    assert current_approvers(e) == {"RP-3"}
    assert approvals_still_needed(e, 2) == 1


def test_reviews_are_ordered_by_date_not_list_position() -> None:
    e = engagement(
        ("RP-1", "2025-01-05", "approved"),
        ("RP-2", "2025-01-06", "approved"),
        ("RP-3", "2025-01-01", "changes-requested"),
    )
    assert current_approvers(e) == {"RP-1", "RP-2"}
    assert approvals_still_needed(e, 2) == 0


def test_same_day_reviews_keep_list_order() -> None:
    approved_then_changes = engagement(("RP-1", "2025-01-05", "approved"), ("RP-2", "2025-01-05", "changes-requested"))
    changes_then_approved = engagement(("RP-2", "2025-01-05", "changes-requested"), ("RP-1", "2025-01-05", "approved"))
    assert current_approvers(approved_then_changes) == set()
    assert current_approvers(changes_then_approved) == {"RP-1"}


def test_no_approvals_needed_when_rule_is_zero() -> None:
    assert approvals_still_needed(engagement(), 0) == 0
