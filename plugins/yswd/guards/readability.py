"""How easy each record and the strategy are to read, and the jargon they use.

For each engagement record (summary, themes, actions, impact and the story, with Markdown
turned into plain text) and for the strategy, this works out:
- the Flesch reading ease (0-100, higher is easier) and the reading age, which in the UK
  convention is the Flesch-Kincaid grade plus 5 (grade 6 is a reading age of 11);
- the three longest sentences, with their word counts;
- the jargon used: terms from the site's glossary and a built-in list of common NHS
  jargon (`data/nhs_jargon.yml`), each with its plain-English alternative.

`Targets` says what counts as plain enough; by default a summary has a reading age of at
most 11 and no sentence has more than 25 words. Anything that misses a target, and every
piece of jargon, becomes `Advice`: it is advice, not an error, so the build shows it in
the review preview and logs it at INFO without failing.

The scores come from textstat. Short texts give rough scores: read them as a prompt to
look again, not a verdict.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Literal, Mapping

import markdown as markdown_lib
import textstat
import yaml

from yswd.content.records import Content, EngagementFile, Source
from yswd.content.model import GlossaryEntry, Strategy
from yswd.problems import Problem

AGE_OFFSET = 5
"""UK reading age = US school grade + 5."""

JARGON_FILE = Path(__file__).resolve().parent / "data" / "nhs_jargon.yml"


@dataclass(frozen=True)
class Targets:
    """What counts as plain enough. None switches a target off."""

    summary_reading_age: float | None = 11
    """The summary is what most people read: keep it to a reading age of 11 or less."""
    reading_age: float | None = None
    """A reading age for the whole record; off by default."""
    sentence_words: int | None = 25
    """The longest a sentence should be, in words."""


@dataclass(frozen=True)
class Scores:
    """Readability of one piece of text."""

    words: int
    sentences: int
    reading_ease: float
    """Flesch reading ease: 0-100, higher is easier; 60-70 is plain English (kept within 0-100)."""
    grade: float
    """Flesch-Kincaid grade (US school year)."""

    @property
    def reading_age(self) -> float:
        """Flesch-Kincaid grade + 5, the UK convention; never below 5."""
        return round(max(self.grade, 0.0) + AGE_OFFSET, 1)

    @property
    def ease_words(self) -> str:
        """The Flesch reading ease in words."""
        for floor, words in _EASE_BANDS:
            if self.reading_ease >= floor:
                return words
        return "very difficult"


_EASE_BANDS = (
    (90, "very easy"),
    (80, "easy"),
    (70, "fairly easy"),
    (60, "plain English"),
    (50, "fairly difficult"),
    (30, "difficult"),
)


@dataclass(frozen=True)
class Sentence:
    text: str
    words: int
    part: str
    """Where it is: summary, themes, actions, impact, body (or a strategy field)."""


@dataclass(frozen=True)
class Part:
    """One part of a record, scored on its own."""

    name: str
    """summary, themes, actions, impact or body; for the strategy, its field names."""
    line: int
    scores: Scores


@dataclass(frozen=True)
class JargonUse:
    """A term used in the text, how often, and what to say instead."""

    term: str
    count: int
    expansion: str
    plain: str | None
    source: Literal["glossary", "built-in"]
    parts: tuple[str, ...]


AdviceKind = Literal["reading-age", "sentence-length", "jargon"]


@dataclass(frozen=True, order=True)
class Advice(Problem):
    """Something to make plainer: where, and what to do. Shown like a Problem, but not an error."""

    kind: AdviceKind


@dataclass(frozen=True)
class Report:
    """The readability of one record, or of the strategy."""

    path: str
    title: str
    id: str | None
    """The record's id; None for the strategy."""
    status: str | None
    """The record's status; None for the strategy."""
    overall: Scores
    parts: tuple[Part, ...]
    longest: tuple[Sentence, ...]
    """Up to three longest sentences, longest first."""
    jargon: tuple[JargonUse, ...]
    advice: tuple[Advice, ...] = field(default=())

    @property
    def meets_targets(self) -> bool:
        return not any(item.kind != "jargon" for item in self.advice)

    def part(self, name: str) -> Part | None:
        return next((part for part in self.parts if part.name == name), None)


@dataclass(frozen=True)
class Summary:
    """Figures across many reports."""

    count: int
    mean_reading_age: float | None
    hardest: tuple[Report, ...]
    """Up to five, hardest first."""
    missing_targets: int
    jargon: tuple[tuple[str, int], ...]
    """Each term and how often it is used across all reports, most used first."""


# --- jargon ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class JargonTerm:
    term: str
    expansion: str
    plain: str | None
    source: Literal["glossary", "built-in"]
    pattern: re.Pattern

    @property
    def needle(self) -> str:
        """The term's first word (as `_TOKEN` splits words), case-folded: a quick test before the pattern."""
        words = _TOKEN.findall(self.term.casefold())
        return words[0] if words else self.term.casefold()


@lru_cache(maxsize=1)
def built_in_jargon() -> dict[str, GlossaryEntry]:
    """The built-in list of common NHS jargon."""
    data = yaml.safe_load(JARGON_FILE.read_text(encoding="utf-8"))
    return {str(term): GlossaryEntry(**entry) for term, entry in data.items()}


def jargon_terms(glossary: Mapping[str, GlossaryEntry]) -> list[JargonTerm]:
    """The site's glossary and the built-in list; the glossary wins where both have a term."""
    entries: dict[str, tuple[GlossaryEntry, Literal["glossary", "built-in"]]] = {
        term: (entry, "built-in") for term, entry in built_in_jargon().items()
    }
    lower = {term.casefold(): term for term in entries}
    for term, entry in glossary.items():
        entries.pop(lower.get(term.casefold(), term), None)
        entries[term] = (entry, "glossary")
    return [
        JargonTerm(term, entry.expansion, entry.plain, source, _term_pattern(term))
        for term, (entry, source) in sorted(entries.items(), key=lambda item: item[0].casefold())
    ]


def _term_pattern(term: str) -> re.Pattern:
    """Whole words only; capitals exactly (SEND is not "send"), other terms in any case; plural s."""
    body = r"\s+".join(re.escape(word) for word in term.split())
    flags = re.IGNORECASE if any(char.islower() for char in term) else 0
    return re.compile(rf"(?<![\w&]){body}(?:s|es)?(?![\w&])", flags)


_TOKEN = re.compile(r"[\w&]+")


def find_jargon(texts: Iterable[tuple[str, str]], terms: list[JargonTerm]) -> tuple[JargonUse, ...]:
    """The terms used in (part, text) pairs, most used first."""
    counts: Counter[str] = Counter()
    where: dict[str, list[str]] = {}
    for part, text in texts:
        words = set(_TOKEN.findall(text.casefold()))
        for term in terms:
            needle = term.needle
            if needle not in words and needle + "s" not in words and needle + "es" not in words:
                continue
            found = len(term.pattern.findall(text))
            if found:
                counts[term.term] += found
                parts = where.setdefault(term.term, [])
                if part not in parts:
                    parts.append(part)
    by_term = {term.term: term for term in terms}
    return tuple(
        JargonUse(name, count, by_term[name].expansion, by_term[name].plain, by_term[name].source, tuple(where[name]))
        for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))
    )


# --- text -------------------------------------------------------------------------------------

_BLOCK_TAGS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "th", "tr", "pre",
    "div", "dt", "dd", "br", "hr", "table", "ul", "ol", "dl", "section", "figcaption",
}
_SKIP_TAGS = {"script", "style"}


class _Blocks(HTMLParser):
    """The text of each block of rendered Markdown (paragraph, list item, heading, cell)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._skipping = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag, attrs):  # noqa: D102 - HTMLParser hook
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag):  # noqa: D102 - HTMLParser hook
        if tag in _SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data):  # noqa: D102 - HTMLParser hook
        if not self._skipping:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


_MARKDOWN = markdown_lib.Markdown(extensions=["extra", "sane_lists"])


def markdown_blocks(text: str) -> list[str]:
    """Markdown as plain text, one string per paragraph, list item, heading or table cell."""
    _MARKDOWN.reset()
    parser = _Blocks()
    parser.feed(_MARKDOWN.convert(text))
    parser.close()
    return parser.blocks


def markdown_to_text(text: str) -> str:
    """Markdown as plain sentences, one block a line: each block ends a sentence."""
    return "\n".join(as_sentence(block) for block in markdown_blocks(text))


def as_sentence(block: str) -> str:
    """A block of text that ends like a sentence, so headings and list items don't run on."""
    block = block.strip()
    if not block:
        return ""
    if block[-1] in ":;,":
        return block[:-1] + "."
    if block[-1] in ".!?" or block.endswith(('."', ".”", "?\"", "!\"", ".)", ".'")):
        return block
    return block + "."



_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def sentences(text: str) -> list[str]:
    """Plain text split into sentences; a line break always ends one (blocks are a line each)."""
    return [
        piece.strip() for line in text.split("\n") for piece in _SENTENCE_BREAK.split(line) if word_count(piece)
    ]


def score(text: str) -> Scores:
    """Flesch reading ease and Flesch-Kincaid grade of plain text (sentences end with . ! or ?)."""
    words = word_count(text)
    if not words:
        return Scores(0, 0, 100.0, 0.0)
    count = len(sentences(text))
    text = " ".join(text.split())
    return Scores(
        words=words,
        sentences=count,
        reading_ease=round(min(100.0, max(0.0, float(textstat.flesch_reading_ease(text)))), 1),
        grade=round(float(textstat.flesch_kincaid_grade(text)), 1),
    )


# --- records and the strategy -----------------------------------------------------------------


def record_parts(record: EngagementFile) -> list[tuple[str, int, str]]:
    """(part, line, plain text) for the parts of a record people read."""
    engagement = record.engagement
    source = record.source
    parts: list[tuple[str, int, str]] = []
    if engagement.summary:
        parts.append(("summary", source.line("summary"), as_sentence(engagement.summary)))
    themes = []
    for theme in engagement.you_said:
        themes.append(as_sentence(theme.theme))
        if theme.detail:
            themes.append(markdown_to_text(theme.detail))
        if theme.quote:
            themes.append(as_sentence(theme.quote))
    if themes:
        parts.append(("themes", source.line("you_said"), "\n".join(themes)))
    actions = []
    for action in engagement.we_did:
        actions.append(as_sentence(action.action))
        if action.reason:
            actions.append(as_sentence(action.reason))
        actions.extend(as_sentence(update.text) for update in action.updates)
    if actions:
        parts.append(("actions", source.line("we_did"), "\n".join(actions)))
    if engagement.impact:
        parts.append(("impact", source.line("impact"), markdown_to_text(engagement.impact)))
    body = markdown_to_text(record.body) if record.body.strip() else ""
    if body:
        parts.append(("body", record.body_line, body))
    return parts


def strategy_parts(strategy: Strategy, source: Source) -> list[tuple[str, int, str]]:
    """(part, line, plain text) for the parts of the strategy people read."""
    parts: list[tuple[str, int, str]] = [("vision", source.line("vision"), markdown_to_text(strategy.vision))]
    for name, items in (("objectives", strategy.objectives), ("principles", strategy.principles)):
        if items:
            parts.append((name, source.line(name), "\n".join(markdown_to_text(item) for item in items)))
    if strategy.methods:
        text = "\n".join(
            as_sentence(method.name) + (" " + markdown_to_text(method.description) if method.description else "")
            for method in strategy.methods
        )
        parts.append(("methods", source.line("methods"), text))
    if strategy.commitments:
        text = "\n".join(
            as_sentence(c.text) + (" " + as_sentence(c.measure) if c.measure else "") for c in strategy.commitments
        )
        parts.append(("commitments", source.line("commitments"), text))
    if strategy.easy_read:
        parts.append(("easy_read", source.line("easy_read"), "\n".join(as_sentence(line.text) for line in strategy.easy_read)))
    return [part for part in parts if part[2]]


def record_readability(
    record: EngagementFile,
    glossary: Mapping[str, GlossaryEntry] | None = None,
    targets: Targets = Targets(),
    terms: list[JargonTerm] | None = None,
) -> Report:
    """The readability report of one engagement record (`terms`: `jargon_terms(glossary)`, if made already)."""
    engagement = record.engagement
    return _report(
        record.source.path,
        engagement.title,
        record.id,
        engagement.status,
        record_parts(record),
        terms if terms is not None else jargon_terms(glossary or {}),
        targets,
        title_at=(record.source.line("title"), engagement.title),
    )


def strategy_readability(
    strategy: Strategy,
    source: Source,
    glossary: Mapping[str, GlossaryEntry] | None = None,
    targets: Targets = Targets(),
    terms: list[JargonTerm] | None = None,
) -> Report:
    """The readability report of the participation strategy."""
    return _report(
        source.path,
        strategy.title,
        None,
        None,
        strategy_parts(strategy, source),
        terms if terms is not None else jargon_terms(glossary or {}),
        targets,
        title_at=(source.line("title"), strategy.title),
    )


def site_readability(content: Content, targets: Targets = Targets()) -> list[Report]:
    """A report for every loaded record (any status), in file order, then the strategy."""
    return reports_for(content, Path("."), None, targets)


def _report(
    path: str,
    title: str,
    record_id: str | None,
    status: str | None,
    parts: list[tuple[str, int, str]],
    terms: list[JargonTerm],
    targets: Targets,
    title_at: tuple[int, str],
) -> Report:
    """Scores, longest sentences and jargon of the parts; the title is searched for jargon only."""
    scored = tuple(Part(name, line, score(text)) for name, line, text in parts)
    overall = score("\n".join(text for _, _, text in parts))
    all_sentences = [
        Sentence(sentence, word_count(sentence), name) for name, _, text in parts for sentence in sentences(text)
    ]
    longest = tuple(sorted(all_sentences, key=lambda s: -s.words)[:3])
    jargon = find_jargon([("title", title_at[1])] + [(name, text) for name, _, text in parts], terms)
    lines = {"title": title_at[0], **{name: line for name, line, _ in parts}}
    report = Report(path, title, record_id, status, overall, scored, longest, jargon)
    return replace(report, advice=tuple(_advice(report, targets, lines, all_sentences)))


def _advice(report: Report, targets: Targets, lines: dict[str, int], all_sentences: list[Sentence]) -> list[Advice]:
    advice: list[Advice] = []
    first_line = min(lines.values(), default=1)
    summary = report.part("summary")
    if summary and targets.summary_reading_age is not None and summary.scores.reading_age > targets.summary_reading_age:
        advice.append(
            Advice(
                report.path, summary.line, summary.name,
                f"has a reading age of {summary.scores.reading_age:g}, above the target of {targets.summary_reading_age:g}. "
                "Use shorter sentences and everyday words.",
                "reading-age",
            )
        )
    if targets.reading_age is not None and report.overall.words and report.overall.reading_age > targets.reading_age:
        advice.append(
            Advice(
                report.path, first_line, "",
                f"has a reading age of {report.overall.reading_age:g}, above the target of "
                f"{targets.reading_age:g}. Use shorter sentences and everyday words.",
                "reading-age",
            )
        )
    if targets.sentence_words is not None:
        too_long = [s for s in all_sentences if s.words > targets.sentence_words]
        if too_long:
            worst = max(too_long, key=lambda s: s.words)
            count = len(too_long)
            advice.append(
                Advice(
                    report.path, lines.get(worst.part, first_line), worst.part,
                    f"{count} sentence{'s are' if count != 1 else ' is'} longer than {targets.sentence_words} words "
                    f"(the longest has {worst.words}). Split long sentences in two.",
                    "sentence-length",
                )
            )
    for use in report.jargon:
        instead = f'Say "{use.plain}" instead, or' if use.plain else "Please"
        times = "once" if use.count == 1 else f"{use.count} times"
        advice.append(
            Advice(
                report.path, lines.get(use.parts[0], first_line), use.parts[0],
                f'uses "{use.term}" ({use.expansion}) {times}. {instead} explain it the first time it is used.',
                "jargon",
            )
        )
    return advice


def summarise(reports: list[Report]) -> Summary:
    """Figures across reports: mean reading age, the hardest to read, the jargon used most."""
    with_words = [report for report in reports if report.overall.words]
    jargon: Counter[str] = Counter()
    for report in reports:
        for use in report.jargon:
            jargon[use.term] += use.count
    return Summary(
        count=len(reports),
        mean_reading_age=round(statistics.fmean(r.overall.reading_age for r in with_words), 1) if with_words else None,
        hardest=tuple(sorted(with_words, key=lambda r: (-r.overall.reading_age, r.path))[:5]),
        missing_targets=sum(1 for report in reports if not report.meets_targets),
        jargon=tuple(sorted(jargon.items(), key=lambda item: (-item[1], item[0].casefold()))),
    )


def reports_for(content: Content, root: Path, path: Path | None = None, targets: Targets = Targets()) -> list[Report]:
    """Reports for the records in `path` (a record file or a folder) and the strategy if it is there.

    With no path: every record and the strategy. `root` is the project folder that the
    content's paths are relative to.
    """
    wanted = path.resolve() if path is not None else None

    def included(shown: str) -> bool:
        if wanted is None:
            return True
        file = (root / shown).resolve()
        return file == wanted or wanted in file.parents

    terms = jargon_terms(content.glossary)
    reports = [
        record_readability(record, content.glossary, targets, terms)
        for record in content.engagements
        if included(record.source.path)
    ]
    if content.strategy is not None and content.strategy_source is not None and included(content.strategy_source.path):
        reports.append(strategy_readability(content.strategy, content.strategy_source, content.glossary, targets, terms))
    return reports


# --- output -----------------------------------------------------------------------------------


def report_as_dict(report: Report) -> dict:
    """A report as plain data, reading ages included, for JSON output."""
    data = asdict(report)
    data["overall"]["reading_age"] = report.overall.reading_age
    for part, scored in zip(data["parts"], report.parts):
        part["scores"]["reading_age"] = scored.scores.reading_age
    data["meets_targets"] = report.meets_targets
    return data


def _shorten(text: str, limit: int = 110) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def format_report(report: Report) -> str:
    """One report as text for people."""
    kind = f"{report.status}" if report.status else "strategy"
    lines = [report.path, f"  {report.title} ({kind})"]
    if not report.overall.words:
        lines.append("  No text to score yet.")
    else:
        lines.append(
            f"  Reading age {report.overall.reading_age:g}, reading ease {report.overall.reading_ease:g} "
            f"({report.overall.ease_words}), {report.overall.words} words"
        )
    for part in report.parts:
        lines.append(
            f"    {part.name:<12} reading age {part.scores.reading_age:>4g}   ease {part.scores.reading_ease:>5g}"
            f"   {part.scores.words} words"
        )
    if report.longest:
        lines.append("  Longest sentences:")
        lines.extend(f"    {s.words} words ({s.part}): {_shorten(s.text)}" for s in report.longest)
    if report.jargon:
        lines.append("  Jargon:")
        lines.extend(
            f"    {use.term} ({use.count}): {use.expansion}" + (f'; say "{use.plain}"' if use.plain else "")
            for use in report.jargon
        )
    targets = [item for item in report.advice if item.kind != "jargon"]
    if targets:
        lines.append("  To do:")
        lines.extend(f"    line {item.line}, {item.field or 'whole text'}: {item.message}" for item in targets)
    return "\n".join(lines)


def format_summary(summary: Summary) -> str:
    """Figures across all the reports, as text for people."""
    if not summary.count:
        return "No records to report on."
    reports = f"{summary.count} report{'s' if summary.count != 1 else ''}"
    if summary.mean_reading_age is None:
        return f"{reports}, with no text to score yet."
    missing = (
        "all meet the targets"
        if not summary.missing_targets
        else f"{summary.missing_targets} miss{'es' if summary.missing_targets == 1 else ''} a target"
    )
    lines = [f"{reports}: mean reading age {summary.mean_reading_age:g}; {missing}."]
    if summary.hardest:
        lines.append("Hardest to read:")
        lines.extend(f"  reading age {r.overall.reading_age:g}: {r.path}" for r in summary.hardest)
    if summary.jargon:
        lines.append("Jargon used most: " + ", ".join(f"{term} ({count})" for term, count in summary.jargon[:10]))
    return "\n".join(lines)
