"""The language of a document, detected from its own words (never from its file name).

Detection is py3langid's naive Bayes model over byte n-grams (97 languages, shipped inside
the package, deterministic). It is run on the body of the document, the numbered paragraphs,
where a report's language is never in doubt; a cover or a list of names can be mixed.

    >>> detect_language(["Le Comité a examiné le rapport initial de l'État partie à ses "
    ...                  "séances et a adopté les observations finales ci-après."])
    'fr'
    >>> detect_language(["El Comité examinó el informe inicial del Estado parte en sus "
    ...                  "sesiones y aprobó las presentes observaciones finales."])
    'es'
    >>> detect_language(["12.", "(a)"]) is None
    True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["detect_language"]

SAMPLE_CHARS = 20_000  # enough words for a sure answer; more only costs time
MIN_LETTERS = 40  # under this the model guesses: no language is recorded
MIN_CONFIDENCE = 0.5  # normalised probability of the best language
_LETTER = re.compile(r"[^\W\d_]")
_SYMBOLS = re.compile(r"\b[A-Z]{1,6}(?:/[\w.\-]+){1,6}|https?://\S+")


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(texts: Iterable[str]) -> str | None:
    """The ISO 639-1 code of the language of `texts` (a document's paragraphs, in order), or
    None when there are too few words to tell or the model is unsure."""
    sample: list[str] = []
    size = 0
    for text in texts:
        text = _SYMBOLS.sub(" ", text)  # document symbols and links are in no language
        sample.append(text)
        size += len(text)
        if size >= SAMPLE_CHARS:
            break
    joined = " ".join(sample)[:SAMPLE_CHARS]
    if len(_LETTER.findall(joined)) < MIN_LETTERS:
        return None
    code, confidence = _identifier().classify(joined)
    return code if confidence >= MIN_CONFIDENCE else None
