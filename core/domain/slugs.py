from __future__ import annotations

import re
import unicodedata


def slugify(text: str, max_length: int = 200) -> str:
    """Lower-case ASCII words joined by hyphens: "Zoé & Co, Paris" → "zoe-co-paris"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-")
