"""Writing YAML by hand, the way staff do: plain values where that is safe, quoted otherwise."""

from __future__ import annotations

import json
import re

_PLAIN = re.compile(r"^[A-Za-z(][^\n:#\[\]{},&*!|>'\"%@`]*$")
_RESERVED = re.compile(r"^(true|false|null|yes|no|on|off|y|n|~)$", re.IGNORECASE)


def scalar(text: str) -> str:
    """Text as a YAML value: plain when that is safe, otherwise double-quoted."""
    if _PLAIN.match(text) and not _RESERVED.match(text) and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]

