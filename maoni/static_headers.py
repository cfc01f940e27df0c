"""How long browsers keep static files that other sites load by name (see settings.py).

Imported by the settings themselves, so it imports nothing of Django.
"""

from __future__ import annotations

from collections.abc import MutableMapping

# The embed scripts other sites' pages load by their plain names.
EMBED_SCRIPTS = ("/static/maoni/embed.js", "/static/maoni/count.js")
EMBED_CACHE = "public, max-age=86400, stale-while-revalidate=604800"


def embed_script_headers(headers: MutableMapping[str, str], path: str, url: str) -> None:
    """WhiteNoise's hook: the plain-named embed scripts are kept a day."""
    if url in EMBED_SCRIPTS:
        headers["Cache-Control"] = EMBED_CACHE
