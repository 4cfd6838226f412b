"""The jargon a text uses: terms of the site's glossary and a built-in list of common NHS jargon.

Each term comes with its plain-English alternative (`data/nhs_jargon.yml` for the built-in
list); the site's glossary wins where both have a term.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Literal, Mapping

import yaml

from yswd.content.model import GlossaryEntry

JARGON_FILE = Path(__file__).resolve().parent / "data" / "nhs_jargon.yml"


@dataclass(frozen=True)
class JargonUse:
    """A term used in the text, how often, and what to say instead."""

    term: str
    count: int
    expansion: str
    plain: str | None
    source: Literal["glossary", "built-in"]
    parts: tuple[str, ...]


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
