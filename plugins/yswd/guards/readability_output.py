"""Readability reports as text for people, and as plain data for JSON (`yswd readability`)."""

from __future__ import annotations

from dataclasses import asdict

from yswd.guards.readability import Report, Summary


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
        lines.extend(f"    {s.words} {'word' if s.words == 1 else 'words'} ({s.part}): {_shorten(s.text)}" for s in report.longest)
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
