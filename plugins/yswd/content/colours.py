"""Colour contrast: a brand colour must be readable on white (WCAG 2.2 AA)."""

from __future__ import annotations

MINIMUM_CONTRAST = 4.5
"""WCAG 2.2 AA for normal text."""


def contrast_with_white(colour: str) -> float:
    """The WCAG contrast ratio between `colour` (#rrggbb) and white."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)
