"""Easy read: one idea in a short sentence, at a reading age of 9 or less."""

from __future__ import annotations

from yswd.content.records import Source
from yswd.content.model import Strategy
from yswd.guards.readability import Advice
from yswd.guards.scoring import as_sentence, score, sentences, word_count

EASY_READ_WORDS = 15
"""The longest an easy-read sentence should be, in words."""
EASY_READ_AGE = 9
"""The highest reading age for the easy-read text as a whole."""


def easy_read_advice(strategy: Strategy, source: Source) -> list[Advice]:
    """Advice on the easy-read text, to log at INFO: long sentences, and a reading age over 9.

    Easy read keeps to one idea in a short sentence: a sentence of more than 15 words is
    worth splitting. The reading age (Flesch-Kincaid grade + 5) of the whole text should be
    9 or less.
    """
    advice: list[Advice] = []
    for index, line in enumerate(strategy.easy_read):
        where = f"easy_read[{index + 1}].text"
        for sentence in sentences(as_sentence(line.text)):
            words = word_count(sentence)
            if words > EASY_READ_WORDS:
                advice.append(
                    Advice(
                        source.path, source.line("easy_read", index, "text"), where,
                        f"has a sentence of {words} words. Easy read keeps to {EASY_READ_WORDS} words or fewer: "
                        "split it into shorter sentences, one idea each.",
                        "sentence-length",
                    )
                )
        if len(sentences(as_sentence(line.text))) > 1:
            advice.append(
                Advice(
                    source.path, source.line("easy_read", index, "text"), where,
                    "has more than one sentence. Easy read has one idea to a line: give each sentence its own line.",
                    "sentence-length",
                )
            )
    text = " ".join(as_sentence(line.text) for line in strategy.easy_read)
    if text.strip():
        scores = score(text)
        if scores.reading_age > EASY_READ_AGE:
            advice.append(
                Advice(
                    source.path, source.line("easy_read"), "easy_read",
                    f"has a reading age of {scores.reading_age:g}, above {EASY_READ_AGE} for easy read. "
                    "Use shorter sentences and everyday words of one or two syllables.",
                    "reading-age",
                )
            )
    return advice
