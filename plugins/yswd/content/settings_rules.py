"""Rules across the settings files: the organisation's branding, the population's groups, the strategy.

`rules.check` runs them with the record rules, so one run reports every problem in the site.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from yswd.content.colours import MINIMUM_CONTRAST, contrast_with_white
from yswd.content.documents import content_file_problem
from yswd.content.markdown_limits import markdown_field_problems
from yswd.content.records import Content
from yswd.problems import Problem, did_you_mean

GROUP_METRICS = ("group-share", "group-representation")


def population_rules(content: Content) -> Iterator[Problem]:
    """Every group in population.yml is a group of organisation.yml."""
    if content.population is None or content.population_source is None or content.organisation is None:
        return
    known = content.organisation.groups
    source = content.population_source
    for key in content.population.groups:
        if key not in known:
            listed = ", ".join(known) if known else "none yet"
            yield Problem(
                source.path,
                source.line("groups", key),
                "groups",
                f"has a group that is not one of the groups in {content.files.organisation}.{did_you_mean(key, known)} The ones we know are: {listed}.",
            )


def _has_baseline(content: Content, group: str) -> bool:
    """Whether population.yml gives `group`'s share (or could not be read, and has its own problems)."""
    if content.population is None:
        return content.population_source is not None
    return group in content.population.groups


def organisation_rules(content: Content, docs_dir: Path) -> Iterator[Problem]:
    """Brand colours readable against white (WCAG AA), and a logo that exists."""
    branding = content.organisation.branding
    source = content.organisation_source
    for name in ("primary_colour", "accent_colour"):
        colour = getattr(branding, name)
        ratio = contrast_with_white(colour)
        if ratio < MINIMUM_CONTRAST:
            yield Problem(
                source.path,
                source.line("branding", name),
                f"branding.{name}",
                f"is too light: its contrast with white is {ratio:.1f} to 1, and it needs at least "
                f"{MINIMUM_CONTRAST} to 1 so that everyone can read it. Choose a darker colour.",
            )
    problem = content_file_problem(branding.logo, docs_dir) if branding.logo else None
    if problem:
        yield Problem(source.path, source.line("branding", "logo"), "branding.logo", problem)


def strategy_rules(content: Content, docs_dir: Path) -> Iterator[Problem]:
    """Unique ids; metrics that can be computed; easy-read pictures that exist and are described."""
    strategy = content.strategy
    source = content.strategy_source
    assert strategy is not None and source is not None
    if strategy.period.end < strategy.period.start:
        yield Problem(source.path, source.line("period", "end"), "period.end", "is before period.start.")
    for name, ids in (("methods", [m.id for m in strategy.methods]), ("commitments", [c.id for c in strategy.commitments])):
        seen: set[str] = set()
        for index, item_id in enumerate(ids):
            if item_id in seen:
                yield Problem(source.path, source.line(name, index, "id"), f"{name}[{index + 1}].id", "is the same as another id above it. Give each its own id.")
            seen.add(item_id)
    groups = content.organisation.groups if content.organisation else {}
    for index, commitment in enumerate(strategy.commitments):
        label = f"commitments[{commitment.id}]"
        if commitment.metric and commitment.target is None:
            yield Problem(source.path, source.line("commitments", index, "metric"), f"{label}.target", "is required when a metric is given: say what figure counts as met.")
        if commitment.metric in GROUP_METRICS:
            if not commitment.group:
                yield Problem(source.path, source.line("commitments", index, "metric"), f"{label}.group", f"is required for the {commitment.metric} metric: give a key of groups.")
            elif content.organisation and commitment.group not in groups:
                yield Problem(
                    source.path,
                    source.line("commitments", index, "group"),
                    f"{label}.group",
                    f"is not one of the groups in {content.files.organisation}.{did_you_mean(commitment.group, groups)}",
                )
            elif commitment.metric == "group-representation" and not _has_baseline(content, commitment.group):
                yield Problem(
                    source.path,
                    source.line("commitments", index, "group"),
                    f"{label}.group",
                    f'needs the share of local people in "{commitment.group}" for the group-representation metric: '
                    f"add it under groups in {content.files.population}.",
                )
    for index, line in enumerate(strategy.easy_read):
        if line.image:
            where = ("easy_read", index, "image")
            problem = content_file_problem(line.image, docs_dir)
            if problem:
                yield Problem(source.path, source.line(*where), f"easy_read[{index + 1}].image", problem)
            if not line.alt:
                yield Problem(source.path, source.line(*where), f"easy_read[{index + 1}].alt", "is required with a picture: describe what it shows for people who can't see it.")
    texts = [("vision", strategy.vision, ("vision",))]
    for name in ("objectives", "principles"):
        texts += [(f"{name}[{i + 1}]", text, (name, i)) for i, text in enumerate(getattr(strategy, name))]
    texts += [(f"methods[{m.id}].description", m.description, ("methods", i, "description")) for i, m in enumerate(strategy.methods)]
    yield from markdown_field_problems(source, texts)
