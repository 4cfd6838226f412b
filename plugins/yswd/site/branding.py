"""The organisation's colours, as CSS custom properties the theme reads, and their contrast.

Rebranding is a change to site_config/organisation.yml, never to templates.
"""

from __future__ import annotations

from yswd.content.model import Branding


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
