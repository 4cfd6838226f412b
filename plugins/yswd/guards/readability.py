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

The scores come from textstat (`scoring`), the jargon from `jargon`; `readability_output`
writes the reports out. Short texts give rough scores: read them as a prompt to look again,
not a verdict.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, Mapping

from yswd.content.records import Content, EngagementFile, Source
from yswd.content.model import GlossaryEntry, Strategy
from yswd.guards.jargon import JargonTerm, JargonUse, find_jargon, jargon_terms
from yswd.guards.scoring import Scores, as_sentence, markdown_to_text, score, sentences, word_count
from yswd.problems import Problem


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


AdviceKind = Literal["reading-age", "sentence-length", "jargon", "status"]


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
