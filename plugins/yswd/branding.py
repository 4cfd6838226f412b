"""The organisation's colours, as CSS custom properties the theme reads, and their contrast.

Rebranding is a change to site_config/organisation.yml, never to templates.
"""

from __future__ import annotations

from .model import Branding

MINIMUM_CONTRAST = 4.5
"""WCAG 2.2 AA for normal text."""


def brand_css(branding: Branding) -> str:
    primary, accent = branding.primary_colour, branding.accent_colour
    return (
        "/* Generated from site_config/organisation.yml (branding). */\n"
        ":root, [data-md-color-scheme] {\n"
        f"  --md-primary-fg-color: {primary};\n"
        f"  --md-primary-fg-color--light: {primary};\n"
        f"  --md-primary-fg-color--dark: {primary};\n"
        "  --md-primary-bg-color: #ffffff;\n"
        f"  --md-accent-fg-color: {accent};\n"
        f"  --md-typeset-a-color: {accent};\n"
        f"  --yswd-primary: {primary};\n"
        f"  --yswd-link: {accent};\n"
        "}\n"
    )


def contrast_with_white(colour: str) -> float:
    """The WCAG contrast ratio between `colour` (#rrggbb) and white."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)
