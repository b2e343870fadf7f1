"""The extractors of each genre's rule pack, chosen by the document's `Profile`.

Each takes the document and its profile and returns a `Facts` of what its pack found; the
result is merged with what the built-in extractors the profile still runs found. A genre
whose pack has no extractor here is read by the built-in extractors alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace

from ..document import Document
from ..facts import Facts
from ..profile import Profile
from .treaty_genres import PACKS as TREATY_PACKS
from .treaty_genres import genre_facts
from .upr import extract_upr_views, extract_upr_working_group

GenreExtractor = Callable[[Document, Profile], Facts]

EXTRACTORS: dict[str, GenreExtractor] = {
    **{pack: genre_facts for pack in TREATY_PACKS},
    "upr-working-group-report": extract_upr_working_group,
    "upr-views": extract_upr_views,
}


def extract_genre(document: Document, profile: Profile) -> Facts:
    """What the genre's own extractor finds (nothing when it has none)."""
    extractor = EXTRACTORS.get(profile.pack)
    return extractor(document, profile) if extractor is not None else Facts()


def merge(base: Facts, extra: Facts) -> Facts:
    """`base` with the facts of `extra` added; actors and places keyed once (base wins)."""
    changes = {}
    for f in fields(Facts):
        mine, theirs = getattr(base, f.name), getattr(extra, f.name)
        if not isinstance(mine, tuple) or not theirs:
            continue
        if f.name in ("actors", "places", "instruments"):
            known = {x.key: x for x in theirs}
            known.update({x.key: x for x in mine})
            changes[f.name] = tuple(known[k] for k in sorted(known))
        else:
            changes[f.name] = mine + theirs
    return replace(base, **changes)
