"""The bad-input corpus: every way staff can get a file wrong, and the exact problem it gives.

Each file in `tests/bad_inputs/` is one small engagement record with one mistake (or one
kind of text that must be read correctly), stored byte for byte: the encoding cases really
hold Latin-1, UTF-16, a byte-order mark or Windows line endings. A case is copied into the
minimal site, whose settings it is otherwise valid against, and checked. The test names
every problem expected: its line, its field and its whole message. A
Python traceback, a wrong line or a missing problem fails the case.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from yswd import __version__
from yswd.content.format_version import FORMAT
from yswd.problems import Problem

BAD_INPUTS = Path(__file__).resolve().parent / "bad_inputs"

ORG = "site_config/organisation.yml"
STRATEGY = "content/strategy.yml"
GLOSSARY = "site_config/glossary.yml"
LOGO_ELSEWHERE = "should be a picture inside the content folder, named from there (such as images/logo.svg), not elsewhere."
EMPTY_TERM = "A glossary term is empty or only spaces: write the term (such as PCN), or delete its entry."
POPULATION = "site_config/population.yml"

ALLOW_HINT = (
    "If it is safe to publish, such as a public venue or switchboard, copy the exact text into this record's "
    "allow_personal_data (or personal_data.allow in site_config/organisation.yml) with a reason. If it was already "
    "committed, ask whoever looks after the repository to remove it from the history too."
)


def in_record(kind: str) -> str:
    """The guard's whole message for personal data in a record."""
    return (
        f"looks like {kind}. Remove it: personal data must never be in a record, even a draft, because drafts go "
        f"to reviewers and git keeps every version. {ALLOW_HINT}"
    )


PHONE, EMAIL, NHS, DOB = "a UK phone number", "an e-mail address", "an NHS number", "a date of birth"

PUBLISHED_EMAIL = (
    "looks like an e-mail address. Remove it: this file is published with the site, and git keeps every version. "
    "If it is safe to publish, such as a public venue or switchboard, copy the exact text into personal_data.allow "
    "in site_config/organisation.yml with a reason. If it was already committed, ask whoever looks after the "
    "repository to remove it from the history too."
)

NOT_A_THEME = (
    "has no action in we_did that responds to it. Add an action with this id in its responds_to, "
    "even if the action is not-taken-forward with a reason."
)

TOO_DEEP = (
    "has lists, quotes or indenting nested more than 20 levels deep on this line, which the site can't show. "
    "Indent less, or turn the inner lists into ordinary text."
)
CONTROL = (
    "contains an invisible control character (written with a backslash in quotes, such as \\x1b or \\0, "
    "or pasted from another program). Remove it."
)
DIRECTION = (
    "contains an invisible character that reverses the direction of the text (a right-to-left override or "
    "isolate), which can disguise what it says. Delete it and type the text again."
)
SOURCE_DOCUMENT = (
    "is a Markdown or YAML file, which the site reads and never publishes as it is, so the link would be "
    "broken. Attach the document as a PDF or another format, or link to a page's web address."
)

MISNAMED = (
    "This file is in the engagements folder with a Markdown ending other than .md, so it is not read as a "
    "record and would be left out of the site without a word. Rename it to end in .md (in small letters)."
)

# file name -> every problem expected, as (line, field, the whole message)
EXPECTED: dict[str, list[tuple[int, str, str]]] = {
    # --- reading the file ---------------------------------------------------------------
    "empty-file.md": [(1, "", "This file is empty. A record starts with a line of three dashes (---), then its fields, then another --- line, then the story in Markdown.")],
    "no-front-matter.md": [(1, "", "A record must start with a line of three dashes (---) on the very first line, then its fields, then another --- line.")],
    "unclosed-front-matter.md": [(1, "", "The fields that open with --- on line 1 are never closed. Add a line with just --- after the last field, before the story.")],
    "empty-front-matter.md": [(1, "", "The record has no fields between its --- lines.")],
    "not-utf8.md": [
        (5, "", "This file is not saved as UTF-8 text. Open it in your editor and save it again with UTF-8 encoding. The first character that can't be read is on this line."),
    ],
    "utf16.md": [(1, "", "This file is saved as UTF-16. Save it again with UTF-8 encoding (the usual setting).")],
    "utf16-no-bom.md": [(1, "", "This file is saved as UTF-16. Save it again with UTF-8 encoding (the usual setting).")],
    "control-character.md": [
        (17, "", "This line contains a character that is not allowed in text (an invisible control character, often pasted in from another program). Delete the line and type it again."),
    ],
    "crlf-with-error.md": [
        (3, "type", 'is not one of the engagement_types in site_config/organisation.yml. Did you mean "survey"? The ones we know are: survey, focus-group.'),
    ],
    "bom-with-error.md": [
        (3, "type", 'is not one of the engagement_types in site_config/organisation.yml. Did you mean "survey"? The ones we know are: survey, focus-group.'),
    ],
    # --- YAML syntax --------------------------------------------------------------------
    "duplicate-key.md": [(9, "title", 'This field is given twice (first on line 2). Keep one and delete the other.')],
    "tab-indent.md": [(11, "", "This line has a tab character. YAML needs spaces for indenting: replace the tab with spaces.")],
    "colon-in-text.md": [
        (5, "", 'There is a colon followed by a space where YAML does not expect one. If it is inside a piece of text, put the whole text in double quotes, like: summary: "We asked: what matters to you?" Otherwise, check this line is not indented further than it should be.'),
    ],
    "unclosed-quote.md": [(5, "", "A quotation mark or bracket opened here is never closed. Add the closing quote or bracket.")],
    "unclosed-bracket.md": [
        (6, "", "A list in square brackets is not written properly. Separate the items with commas, end it with ], and put any item that contains a colon or comma in quotes."),
    ],
    "bad-indentation.md": [(14, "", "The indenting here does not line up with the lines around it. Line each field up under the one before, using spaces.")],
    "second-document-marker.md": [
        (10, "", "There is a second --- line inside the fields: the fields below it would be read as the story. Delete this line; only the opening and closing lines are ---."),
    ],
    "alias-bomb.md": [(13, "", "This uses a YAML alias (a word starting with *). Records can't use anchors (&) or aliases (*): write the value out in full.")],
    "yaml-tag.md": [(5, "", "This uses a YAML tag (tag:yaml.org,2002:python/object/apply:os.system) that records don't support. Remove the word starting with !.")],
    "deeply-nested.md": [(5, "", "This is nested too deeply to be a record.")],
    "list-as-field-name.md": [(5, "", "A field name must be a simple word, not a list.")],
    # --- fields -------------------------------------------------------------------------
    "missing-title.md": [(2, "title", "is required but missing.")],
    "empty-title.md": [(2, "title", "is empty. Write some text here, or remove the line.")],
    "unknown-field-typo.md": [
        (2, "summary", "is required when the status is review."),
        (5, "(unknown field)", 'is not a field we know. Did you mean "summary"?'),
    ],
    "unknown-nested-field.md": [
        (19, "we_did[late-clinic].status", "is required but missing."),
        (22, "we_did[late-clinic].(unknown field)", 'is not a field we know. Did you mean "status"?'),
    ],
    "bad-status.md": [(4, "status", 'should be one of: draft, review, published, withdrawn. Did you mean "published"?')],
    "list-instead-of-text.md": [(5, "summary", "should be a piece of text, not a list.")],
    "text-instead-of-list.md": [(6, "topics", 'should be a list: one "- item" per line, or [first, second] on one line.')],
    "fields-are-a-list.md": [(2, "", "should be a set of fields, each on its own line as name: value, indented under this one.")],
    "bad-slug-id.md": [(2, "id", 'should be a short name made of lower-case letters, digits and hyphens, with no spaces, like "maternity-scans-2025".')],
    "bad-file-name.md": [
        (1, "id", "The file name can't be used as the record's id. Rename the file using lower-case letters, digits and hyphens (like maternity-scans-2025.md), or add an id: field."),
    ],
    # --- taxonomy keys ------------------------------------------------------------------
    "unknown-type.md": [
        (3, "type", 'is not one of the engagement_types in site_config/organisation.yml. Did you mean "survey"? The ones we know are: survey, focus-group.'),
    ],
    "unknown-topic.md": [
        (6, "topics[2]", 'is not one of the topics in site_config/organisation.yml. Did you mean "mental-health"? The ones we know are: maternity, mental-health.'),
    ],
    "unknown-locality.md": [
        (7, "localities[1]", 'is not one of the localities in site_config/organisation.yml. Did you mean "northvale"? The ones we know are: northvale, southbrook.'),
    ],
    "unknown-group.md": [
        (14, "reach.groups", 'has a key that is not one of the groups in site_config/organisation.yml. Did you mean "carers"? The ones we know are: young-people, carers.'),
    ],
    "aim-measure-unknown.md": [
        (12, "aims[1].measure", 'is not one of the measures (participants, or a key of groups). Did you mean "participants"? The ones we know are: participants, young-people, carers.'),
    ],
    "unknown-commitment.md": [
        (10, "commitments[1]", 'is not one of the commitments in content/strategy.yml. Did you mean "seldom-heard"? The ones we know are: seldom-heard.'),
    ],
    # --- dates --------------------------------------------------------------------------
    "end-before-start.md": [(9, "end", "is before start. The end date must be on or after the start date.")],
    "invalid-date.md": [(9, "end", "is not a real date: check the day and the month (dates are written YYYY-MM-DD).")],
    "uk-date-format.md": [(8, "start", "should be written YYYY-MM-DD: for 01/03/2025 write 2025-03-01.")],
    "datetime-not-date.md": [(8, "start", "should be a date only, written YYYY-MM-DD, with no time.")],
    "updates-out-of-order.md": [(26, "we_did[late-clinic].updates[2].date", "is earlier than the update above it. List updates oldest first.")],
    "update-before-start.md": [(24, "we_did[late-clinic].updates[1].date", "is before the engagement's start date.")],
    # --- counts and ranges --------------------------------------------------------------
    "negative-count.md": [(11, "reach.participants", "can't be less than 0.")],
    "count-not-number.md": [(11, "reach.participants", "should be a whole number, like 120, or unknown if the number was not recorded.")],
    "count-with-comma.md": [(11, "reach.participants", "should be written without commas, like 1200.")],
    "progress-with-percent.md": [(23, "we_did[late-clinic].progress", "should be a number without the % sign.")],
    "method-count-exceeds-participants.md": [(13, "reach.methods[1].count", "is 1200, more than the 1000 participants. No way of taking part can have more people than everyone who took part: check the numbers, or make participants the larger one.")],
    "group-exceeds-participants.md": [(13, "reach.groups.young-people", "is 60, more than the 50 participants. A group can't be larger than everyone who took part.")],
    "rating-out-of-range.md": [(17, "evaluation.rating", "should be between 1 and 5.")],
    "progress-out-of-range.md": [(23, "we_did[late-clinic].progress", "should be between 0 and 100.")],
    # --- themes and actions -------------------------------------------------------------
    "responds-to-missing-theme.md": [
        (16, "you_said[evenings]", NOT_A_THEME),
        (20, "we_did[late-clinic].responds_to", 'is not the id of a theme in you_said. Did you mean "evenings"?'),
    ],
    "responds-to-second-missing-theme.md": [
        (18, "you_said[weekends]", NOT_A_THEME),
        (24, "we_did[late-clinic].responds_to", 'is not the id of a theme in you_said. Did you mean "weekends"?'),
    ],
    "theme-not-answered.md": [(18, "you_said[parking]", NOT_A_THEME)],
    "duplicate-theme-id.md": [(18, "you_said[2].id", 'is the same as the id of another theme in this record. Give each theme its own id.')],
    "duplicate-action-id.md": [(23, "we_did[2].id", 'is the same as the id of another action in this record. Give each action its own id.')],
    "not-taken-forward-no-reason.md": [(22, "we_did[late-clinic].reason", "is required when the status is not-taken-forward: say why we did not do it.")],
    "done-without-completed.md": [(22, "we_did[late-clinic].completed", "is required when the status is done: give the date it was finished (YYYY-MM-DD, YYYY-MM, or unknown).")],
    "no-themes.md": [
        (2, "we_did", "needs at least one action when the status is review."),
        (2, "you_said", "needs at least one theme when the status is review."),
    ],
    "empty-responds-to.md": [
        (16, "you_said[evenings]", NOT_A_THEME),
        (20, "we_did[late-clinic].responds_to", "should list at least one theme id from you_said."),
    ],
    # --- what each status needs ---------------------------------------------------------
    "published-without-approvals.md": [
        (4, "status", "is published, but the record needs 1 more reader-panel approval (2 different reviewer codes must approve after the latest changes-requested). Add the reviews, or set the status to review."),
    ],
    "changes-requested-after-approvals.md": [
        (4, "status", "is published, but the record needs 2 more reader-panel approvals (2 different reviewer codes must approve after the latest changes-requested). Add the reviews, or set the status to review."),
    ],
    "published-missing-summary.md": [(2, "summary", "is required when the status is published.")],
    "review-missing-participants.md": [(10, "reach.participants", "is required when the status is review. Give the number, or unknown with a participants_note.")],
    "reviewer-with-name.md": [(16, "reviews[1].reviewer", "should be a reader-panel code such as RP-07 (letters, digits and hyphens only). Never write a reviewer's name.")],
    # --- documents ----------------------------------------------------------------------
    "document-path-traversal.md": [(25, "documents[1].url", "should be a file in the same folder as the record (or a folder inside it), not elsewhere.")],
    "document-absolute-path.md": [(25, "documents[1].url", "should be a file in the same folder as the record (or a folder inside it), not elsewhere.")],
    "document-javascript-url.md": [(25, "documents[1].url", "should start with https:// (or http://), or be the name of a file beside the record.")],
    "document-missing-file.md": [(25, "documents[1].url", "names a file that is not in the record's folder. Check the spelling, or add the file.")],
    # --- Format 2: real published content --------------------------------------------
    "completed-not-a-date.md": [(23, "we_did[late-clinic].completed", "should be a date written YYYY-MM-DD, like 2025-03-01, or YYYY-MM (like 2025-03) when only the month is known, or unknown if the date was not recorded.")],
    "completed-unknown-not-done.md": [(23, "we_did[late-clinic].completed", "is only for an action that is done. This action is planned: remove completed, or change the status to done.")],
    "completed-date-in-progress.md": [
        (23, "we_did[late-clinic].completed", "is only for an action that is done. This action is in-progress: remove completed, or change the status to done."),
        (24, "we_did[late-clinic].reason", "is only for an action that is not-taken-forward, where it says why not. This action is in-progress: remove reason, or put what it says in the action's text or an update."),
    ],
    "count-as-percentage.md": [(18, "you_said[evenings].count", "is a percentage. Write it as share: with the number alone (like share: 77), instead of count:.")],
    "decision-document-missing.md": [(28, "decisions[1].document", "names a file that is not in the record's folder. Check the spelling, or add the file.")],
    "decision-missing-by.md": [(24, "decisions[1].by", "is required but missing.")],
    "decision-outcome-typo.md": [(27, "decisions[1].outcome", "should be one of: agreed, not-agreed, deferred, reversed. Did you mean \"agreed\"?")],
    "decision-reversed-with-nothing-before.md": [(27, "decisions[1].outcome", "is reversed, but there is no earlier decision in this record for it to reverse. Add the decision it overturned, with its date, above it; or, if this is the first decision, give its own outcome (agreed, not-agreed or deferred).")],
    "decision-reversed-before-what-it-reverses.md": [(27, "decisions[1].outcome", "is reversed, but there is no earlier decision in this record for it to reverse. Add the decision it overturned, with its date, above it; or, if this is the first decision, give its own outcome (agreed, not-agreed or deferred).")],
    "decision-outcome-approved.md": [(27, "decisions[1].outcome", "should be one of: agreed, not-agreed, deferred, reversed. Did you mean \"agreed\"?")],
    "document-kind-longer-word.md": [(26, "documents[1].kind", "should be one of: report, board-paper, minutes, eqia, other. Did you mean \"minutes\"?")],
    "participants-precision-approx.md": [(12, "reach.participants_precision", "should be one of: exact, about, at-least. Did you mean \"about\"?")],
    "participants-about-in-words.md": [(11, "reach.participants", "needs the number alone: write participants: 2000 and, on the next line, participants_precision: about. That shows on the site as \"about 2,000\".")],
    "participants-over-in-words.md": [(11, "reach.participants", "needs the number alone: write participants: 300 and, on the next line, participants_precision: at-least. That shows on the site as \"at least 300\".")],
    "document-kind-typo.md": [(26, "documents[1].kind", "should be one of: report, board-paper, minutes, eqia, other. Did you mean \"minutes\"?")],
    "document-url-without-scheme.md": [(25, "documents[1].url", "looks like a web address without https:// at the start. Add https:// before it.")],
    "feedback-date-not-a-date.md": [(24, "feedback_given.date", "should be a date written YYYY-MM-DD, like 2025-03-01, or YYYY-MM (like 2025-03) when only the month is known, or unknown if the date was not recorded.")],
    "groups-without-a-number.md": [(13, "reach.groups", "needs a number of participants: a group can only be counted out of everyone who took part. Give reach.participants as a number, or remove the groups.")],
    "involvement-unknown.md": [(10, "involvement", "should be one of: inform, consult, involve, collaborate, co-produce. Did you mean \"consult\"?")],
    "locality-display-name.md": [(7, "localities[1]", "is not one of the localities in site_config/organisation.yml. Did you mean \"northvale\"? The ones we know are: northvale, southbrook.")],
    "locality-misspelt.md": [(7, "localities[1]", "is not one of the localities in site_config/organisation.yml. Did you mean \"northvale\"? The ones we know are: northvale, southbrook.")],
    "method-count-not-number.md": [(14, "reach.methods[2].count", "should be a whole number, like 120.")],
    "month-end-before-start.md": [(9, "end", "is before start. The end date must be on or after the start date.")],
    "month-in-words.md": [(8, "start", "should be written YYYY-MM: for June 2025 write 2025-06.")],
    "month-not-real.md": [(8, "start", "is not a real month: months are written YYYY-MM, like 2017-06 for June 2017.")],
    "participants-precision-typo.md": [(12, "reach.participants_precision", "should be one of: exact, about, at-least. Did you mean \"about\"?")],
    "participants-precision-without-number.md": [(12, "reach.participants_precision", "can only be given with a number of participants. Remove it, or give the number.")],
    "participants-unknown-without-note.md": [(11, "reach.participants_note", "is required when participants is unknown: say why the number was not recorded, or what is known.")],
    "partners-not-a-list.md": [(10, "partners", "should be a list: one \"- item\" per line, or [first, second] on one line.")],
    "phase-end-before-start.md": [(16, "phases[2].end", "is before this phase's start. The end date must be on or after the start date.")],
    "share-beside-count.md": [(19, "you_said[evenings].share", "can't be given with count. Give count (how many people said it) or share (the per cent who said it), not both.")],
    "share-out-of-range.md": [(18, "you_said[evenings].share", "should be between 0 and 100.")],
    "due-not-a-real-month.md": [(23, "we_did[late-clinic].due", "is not a real month: months are written YYYY-MM, like 2017-06 for June 2017.")],
    "update-month-after-its-days.md": [(26, "we_did[late-clinic].updates[2].date", "is earlier than the update above it (a month counts from its first day). List updates oldest first.")],
    "way-unknown.md": [(10, "ways[1]", "is not one of the methods (ways to take part) in content/strategy.yml. Did you mean \"surveys\"? The ones we know are: surveys.")],
    "yaml-error-with-allowance.md": [(5, "", "There is a colon followed by a space where YAML does not expect one. If it is inside a piece of text, put the whole text in double quotes, like: summary: \"We asked: what matters to you?\" Otherwise, check this line is not indented further than it should be.")],
    # --- ids across the site: the minimal site already has the record `scan-times` -----
    "duplicate-id.md": [
        (2, "id", 'is also used as an id or alias by content/engagements/scan-times.md. Every id and alias must be different.'),
        ("content/engagements/scan-times.md", 1, "id", 'is also used as an id or alias by content/engagements/duplicate-id.md (the id comes from the file name). Every id and alias must be different.'),
    ],
    "alias-clashes-with-id.md": [
        (10, "aliases[1]", 'is also used as an id or alias by content/engagements/scan-times.md. Every id and alias must be different.'),
        ("content/engagements/scan-times.md", 1, "id", 'is also used as an id or alias by content/engagements/alias-clashes-with-id.md (the id comes from the file name). Every id and alias must be different.'),
    ],
    "alias-repeats-own-id.md": [(11, "aliases[1]", "is also used as an id or alias by this record's own id or another alias. Every id and alias must be different.")],
    # --- personal data written the way a reader still reads it; never repeated -----------
    "pd-entity-email.md": [(5, "summary", in_record(EMAIL))],
    "pd-yaml-escape.md": [(5, "summary", in_record(EMAIL))],
    "pd-fullwidth-phone.md": [(5, "summary", in_record(PHONE))],
    "pd-unicode-dash-phone.md": [(8, "body", in_record(PHONE))],
    "pd-phone-in-web-address.md": [(8, "body", in_record(PHONE))],
    "pd-html-comment.md": [(9, "body", in_record(PHONE))],
    "pd-zero-width-nhs-number.md": [(8, "body", in_record(NHS))],
    "pd-mixed-gaps-nhs-number.md": [(5, "summary", in_record(NHS))],
    "pd-born.md": [(8, "body", in_record(DOB))],
    "pd-emphasis-inside-email.md": [(5, "summary", in_record(EMAIL)), (8, "body", in_record(PHONE)), (8, "body", in_record(NHS))],
    "pd-zero-width-nhs-number-in-detail.md": [(10, "you_said[evenings].detail", in_record(NHS))],
    "record-ending-markdown.markdown": [(1, "", MISNAMED)],
    "record-ending-upper-case.MD": [(1, "", MISNAMED)],
    "pd-b-dot.md": [(5, "summary", in_record(DOB))],
    "pd-theme-id.md": [(8, "you_said[call-(hidden)].id", in_record(PHONE))],
    "pd-as-locality.md": [
        (7, "localities[1]", "is not one of the localities in site_config/organisation.yml. The ones we know are: northvale, southbrook."),
        (7, "localities[1]", in_record(PHONE)),
    ],
    "nhs-number-in-file-name.md": [
        ("content/engagements/referral-9434765919.md", 1, "file name",
         "looks like an NHS number. Remove it: the names of files and folders become the site's web addresses, and "
         "appear in the sitemap, the feed and the data files. If it is safe to publish, such as a public venue or "
         "switchboard, copy the exact text into personal_data.allow in site_config/organisation.yml with a reason. "
         "If it was already committed, ask whoever looks after the repository to remove it from the history too."),
    ],
    # --- what would crash the build after the check: nesting, hidden characters ---------
    "nested-list-too-deep.md": [(26, "body", TOO_DEEP)],
    "nested-indent-too-deep.md": [(46, "body", TOO_DEEP)],
    "nested-quote-too-deep.md": [(18, "you_said[evenings].detail", TOO_DEEP)],
    "escaped-escape-character.md": [(2, "title", CONTROL)],
    "escaped-nul.md": [(5, "summary", CONTROL)],
    "escaped-unicode-nul.md": [(22, "we_did[late-clinic].owner", CONTROL)],
    "escaped-control-in-key.md": [
        (10, "", "This name " + CONTROL),
        (10, "(unknown field)", "This line is not a field we know. If it belongs to the story, move it below the closing --- line; if it is text, indent it under its field or put it in quotes."),
    ],
    "right-to-left-override.md": [(2, "title", DIRECTION)],
    "right-to-left-isolate-in-theme.md": [(17, "you_said[evenings].theme", DIRECTION)],
    "zero-width-in-title.md": [(2, "title", "contains an invisible zero-width character (often pasted from a web page or a document). Delete it and type the text again.")],
    # --- lines as editors count them, and one mistake reported once --------------------
    "line-separators-before-error.md": [(9, "end", "is not a real date: check the day and the month (dates are written YYYY-MM-DD).")],
    "next-line-character-before-error.md": [
        (5, "summary", CONTROL),
        (9, "end", "is not a real date: check the day and the month (dates are written YYYY-MM-DD)."),
    ],
    "bad-field-in-answered-theme.md": [(18, "you_said[evenings].count", "should be a whole number, like 120.")],
    "document-markdown-file.md": [(25, "documents[1].url", SOURCE_DOCUMENT)],
    "document-yaml-file.md": [(25, "documents[1].url", SOURCE_DOCUMENT)],
    # --- one run reports every problem in the record ------------------------------------
    "several-problems.md": [
        (3, "type", 'is not one of the engagement_types in site_config/organisation.yml. Did you mean "survey"? The ones we know are: survey, focus-group.'),
        (11, "reach.participants", "can't be less than 0."),
        (22, "we_did[late-clinic].status", "should be one of: planned, in-progress, done, not-taken-forward."),
    ],
}

WRITTEN_AS = {"bad-file-name.md": "Clinic Hours.md", "nhs-number-in-file-name.md": "referral-9434765919.md"}
"""Cases whose point is the file name they are saved under."""


def _record_value(record, path: str) -> object:
    """A value of the checked record, by a dotted path such as `you_said.0.theme`."""
    value: object = record
    for part in path.split("."):
        value = value[int(part)] if part.isdigit() else getattr(value, part)
    return value


# file name -> values that must be read exactly as written, by path in the loaded record
READ_CORRECTLY: dict[str, dict[str, object]] = {
    "yes-no-as-text.md": {"engagement.summary": "no", "engagement.you_said.0.theme": "yes", "engagement.you_said.0.quote": "off"},
    "numeric-id.md": {"id": "2025", "engagement.id": "2025"},
    "date-like-id.md": {"id": "2025-03-01"},
    "short-date-like-id.md": {"id": "2025-3-1"},
    "time-like-text.md": {"engagement.summary": "1:20"},
    "datetime-like-text.md": {"engagement.summary": "2025-03-01 10:00"},
    "bom.md": {"id": "bom", "engagement.title": "Clinic opening hours", "body_line": 24},
    "story-starts-with-title.md": {"engagement.title": "Clinic opening hours", "body": "title: what the clinic heard\n\nWe asked people when the clinic should open.\n"},
    "story-starts-with-summary.md": {"engagement.summary": "We asked people when the clinic should open.", "body": "summary: the short version\nWe asked people when the clinic should open.\n"},
    "emoji-in-title.md": {"engagement.title": "Clinic opening hours \U0001f3e5 and \U0001d4aecans"},
    "crlf.md": {
        "id": "crlf",
        "engagement.title": "Clinic opening hours",
        "engagement.you_said.0.theme": "Evening appointments are hard to get.",
        "body": "We asked people when the clinic should open.\n",
        "body_line": 24,
    },
}


def _check_case(site, name: str) -> tuple[str, list[Problem]]:
    written_as = WRITTEN_AS.get(name, name)
    site.record(written_as, (BAD_INPUTS / name).read_bytes())
    return f"content/engagements/{written_as}", site.check().problems


def _assert_problems(problems: list[Problem], path: str, expected: list[tuple]) -> None:
    """Expected problems are (line, field, message) in the case's own file, or (path, line, field, message)."""
    shown = "\n".join(str(p) for p in problems)
    assert len(problems) == len(expected), f"expected {len(expected)} problem(s), got:\n{shown}"
    wanted = sorted(item if len(item) == 4 else (path, *item) for item in expected)
    actual = sorted(problems, key=lambda p: (p.path, p.line, p.field, p.message))
    for (where, line, field, message), problem in zip(wanted, actual):
        assert (problem.path, problem.line, problem.field) == (where, line, field), (
            f"wanted {where}:{line}, field {field!r}; got:\n{shown}"
        )
        assert problem.message == message, f"wanted the message {message!r}; got:\n{problem}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_gives_exactly_the_expected_problems(site, name: str) -> None:
    path, problems = _check_case(site, name)
    _assert_problems(problems, path, EXPECTED[name])


@pytest.mark.parametrize("name", sorted(READ_CORRECTLY))
def test_unusual_but_valid_input_is_read_as_written(site, name: str) -> None:
    path, problems = _check_case(site, name)
    assert problems == [], "\n".join(str(p) for p in problems)
    records = [r for r in site.check().engagements if r.source.path == path]
    assert len(records) == 1
    for where, value in READ_CORRECTLY[name].items():
        assert _record_value(records[0], where) == value, where


def test_every_file_in_the_corpus_is_a_case() -> None:
    files = {p.name for p in BAD_INPUTS.iterdir() if p.is_file() and not p.name.startswith(".")}
    assert files == set(EXPECTED) | set(READ_CORRECTLY)
    assert not set(EXPECTED) & set(READ_CORRECTLY)
    assert len(EXPECTED) >= 36


def test_encoding_cases_hold_the_bytes_they_claim() -> None:
    """Guards the corpus itself: an editor or git setting that 'fixed' these would hide the cases."""
    raw = {name: (BAD_INPUTS / name).read_bytes() for name in (
        "not-utf8.md", "utf16.md", "utf16-no-bom.md", "bom.md", "bom-with-error.md",
        "crlf.md", "crlf-with-error.md", "control-character.md", "empty-file.md",
    )}
    assert b"caf\xe9" in raw["not-utf8.md"]
    with pytest.raises(UnicodeDecodeError):
        raw["not-utf8.md"].decode("utf-8")
    assert raw["utf16.md"][:2] in (b"\xff\xfe", b"\xfe\xff")
    assert raw["utf16-no-bom.md"].startswith(b"-\x00-\x00-\x00")
    assert raw["bom.md"].startswith(b"\xef\xbb\xbf---\n")
    assert raw["bom-with-error.md"].startswith(b"\xef\xbb\xbf---\n")
    for name in ("crlf.md", "crlf-with-error.md"):
        assert raw[name].startswith(b"---\r\n") and raw[name].count(b"\r\n") == raw[name].count(b"\n")
    assert b"\x07" in raw["control-character.md"]
    assert raw["empty-file.md"] == b""


# --- settings files ---------------------------------------------------------------------

# file under bad_inputs/ -> (the file it replaces, extra files to add, expected problems)
SETTINGS: dict[str, tuple[str, dict[str, bytes], list[tuple[int, str, str]]]] = {
    "site_config/unknown-field.yml": (ORG, {}, [
        (4, "(unknown field)", 'is not a field we know. Did you mean "contact_email"?'),
        # until the field is spelt right, the address in it is not the contact e-mail the guard lets through
        (4, "contact_emial", PUBLISHED_EMAIL),
    ]),
    "site_config/financial-year-month-13.yml": (ORG, {}, [(5, "financial_year_start_month", "should be between 1 and 12.")]),
    "site_config/missing-engagement-types.yml": (ORG, {}, [(1, "engagement_types", "is required but missing.")]),
    "site_config/accessibility-testing-as-a-list.yml": (ORG, {}, [(27, "accessibility.testing", "should be a piece of text, not a list.")]),
    "site_config/format-newer.yml": (ORG, {}, [(1, "format", f"This site is written to version 99 of the content format, and the yswd installed here ({__version__}) reads versions up to {FORMAT}. Install the yswd this site names in requirements.txt (pip install -r requirements.txt), then run it again.")]),
    "site_config/format-not-a-number.yml": (ORG, {}, [(1, "format", "should be a whole number, like 120.")]),
    "site_config/bad-group-key.yml": (ORG, {}, [(13, "groups.Young People", 'should be a short name made of lower-case letters, digits and hyphens, with no spaces, like "maternity-scans-2025".')]),
    "site_config/population-unknown-group.yml": (POPULATION, {}, [
        (3, "groups", 'has a group that is not one of the groups in site_config/organisation.yml. Did you mean "young-people"? The ones we know are: young-people, carers.'),
    ]),
    "site_config/bad-ods-code.yml": (ORG, {}, [(3, "ods_code", "should be the organisation's ODS code: 3 to 6 letters and digits, like QE1 or 15N (the NHS Organisation Data Service lists every code).")]),
    "site_config/population-over-100.yml": (POPULATION, {}, [(4, "groups.carers", "should be between 0 and 100.")]),
    "site_config/population-percent-sign.yml": (POPULATION, {}, [(3, "groups.young-people", "should be a number without the % sign.")]),
    "site_config/population-no-source.yml": (POPULATION, {}, [(2, "source", "is required but missing.")]),
    "site_config/population-unknown-field.yml": (POPULATION, {}, [(2, "(unknown field)", 'is not a field we know. Did you mean "groups"?')]),
    "strategy/representation-without-baseline.yml": (STRATEGY, {}, [
        (15, "commitments[seldom-heard].group", 'needs the share of local people in "young-people" for the group-representation metric: add it under groups in site_config/population.yml.'),
    ]),
    "strategy/group-share-without-group.yml": (STRATEGY, {}, [(14, "commitments[seldom-heard].group", "is required for the group-share metric: give a key of groups.")]),
    "strategy/group-share-unknown-group.yml": (STRATEGY, {}, [(15, "commitments[seldom-heard].group", 'is not one of the groups in site_config/organisation.yml. Did you mean "young-people"?')]),
    "strategy/metric-without-target.yml": (STRATEGY, {}, [(14, "commitments[seldom-heard].target", "is required when a metric is given: say what figure counts as met.")]),
    "strategy/target-not-a-number.yml": (STRATEGY, {}, [(16, "commitments[seldom-heard].target", "should be a number.")]),
    "strategy/target-nan.yml": (STRATEGY, {}, [(16, "commitments[seldom-heard].target", "should be a number.")]),
    "strategy/duplicate-commitment-id.yml": (STRATEGY, {}, [(18, "commitments[2].id", 'is the same as another id above it. Give each its own id.')]),
    "strategy/easy-read-image-missing.yml": (STRATEGY, {}, [(20, "easy_read[1].image", "names a picture that is not in the content folder. Check the spelling, or add the picture.")]),
    "strategy/easy-read-image-without-alt.yml": (
        STRATEGY,
        {"content/images/listen.png": b"\x89PNG\r\n\x1a\n"},
        [(20, "easy_read[1].alt", "is required with a picture: describe what it shows for people who can't see it.")],
    ),
    "strategy/method-join-list.yml": (STRATEGY, {}, [(10, "methods[surveys].join", "should be a piece of text, not a list.")]),
    "site_config/logo-outside-content.yml": (ORG, {}, [(26, "branding.logo", LOGO_ELSEWHERE)]),
    "site_config/logo-absolute-path.yml": (ORG, {}, [(26, "branding.logo", LOGO_ELSEWHERE)]),
    "site_config/glossary-empty-term.yml": (GLOSSARY, {}, [(4, "", EMPTY_TERM)]),
    "site_config/glossary-blank-term.yml": (GLOSSARY, {}, [(4, "", EMPTY_TERM)]),
    "site_config/glossary-escaped-control.yml": (GLOSSARY, {}, [(5, "GP.expansion", CONTROL)]),
    "strategy/vision-nested-too-deep.yml": (STRATEGY, {}, [(3, "vision", TOO_DEEP)]),
    "strategy/period-end-before-start.yml": (STRATEGY, {}, [(2, "period.end", "is before period.start.")]),
}


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_bad_settings_give_exactly_the_expected_problems(site, name: str) -> None:
    target, extra, expected = SETTINGS[name]
    site.write(target, (BAD_INPUTS / name).read_bytes())
    for relative, data in extra.items():
        site.write(relative, data)
    _assert_problems(site.check().problems, target, expected)


def test_every_settings_file_in_the_corpus_is_a_case() -> None:
    files = {p.relative_to(BAD_INPUTS).as_posix() for folder in ("site_config", "strategy") for p in (BAD_INPUTS / folder).iterdir()}
    assert files == set(SETTINGS)


# --- messages never repeat what was written ----------------------------------------------

PHONE = "07700 900123"
EMAIL = "jane.doe@example.com"

# a record with personal data in a field of the wrong kind -> lines to add to a valid record
SENSITIVE: dict[str, str] = {
    "phone-as-count": f"reach:\n  participants: {PHONE}\n",
    "phone-as-rating": f"evaluation:\n  responses: 20\n  rating: {PHONE}\n",
    "email-as-date": f"end: {EMAIL}\n",
    "email-as-reviewer": f"reviews:\n  - reviewer: {EMAIL}\n    date: 2025-05-01\n    verdict: approved\n",
    "email-as-key": f"type: {EMAIL}\n",
    "phone-as-id": f"id: Call Jane on {PHONE}\n",
    "phone-as-topic": f"topics: [{PHONE}]\n",
    "phone-in-a-note-read-as-a-field": f"Call Jane on {PHONE}: she can help\n",
}

SENSITIVE_BASE = """---
title: Clinic opening hours
status: draft
start: 2025-03-01
{lines}---
Notes.
"""


@pytest.mark.parametrize("case", sorted(SENSITIVE))
def test_no_message_repeats_personal_data_written_in_the_wrong_place(site, case: str) -> None:
    lines = SENSITIVE[case]
    if not lines.startswith("type:"):
        lines = "type: survey\n" + lines
    site.record(f"{case}.md", SENSITIVE_BASE.format(lines=lines))
    problems = [p for p in site.check().problems if p.path == f"content/engagements/{case}.md"]
    assert problems, "the value in the wrong place was not reported"
    for problem in problems:
        said = f"{problem.field} {problem.message}".lower()
        # neither the value nor any recognisable piece of it, however it is rewritten
        for piece in (PHONE, EMAIL, "900123", "07700"):
            assert piece.lower() not in said, f"{piece!r} repeated in: {problem}"
        assert not re.search(r"\bjane\b|\bdoe\b|\d{5}", said), f"a piece of the value repeated in: {problem}"
