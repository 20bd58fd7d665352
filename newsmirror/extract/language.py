"""A small stop-word language guesser for pages that do not declare their language."""

from __future__ import annotations

import re

_STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and of to in is that for on with as was by it at from his her said",
        "fr": "le la les des et est une dans que pour sur avec par au du qui pas ont",
        "de": "der die das und ist nicht mit von den sich des auf für ein eine dem zu",
        "es": "el la los las y de que en un una por con para del se su al es",
        "it": "il lo la gli le e di che per un una con del della sono non si nel",
        "pt": "o a os as e de que em um uma para com do da não se no na por",
        "nl": "de het een en van is dat op te in met voor niet zijn er aan ook",
    }.items()
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def guess_language(text: str, min_hits: int = 5) -> str | None:
    """The language whose stop words cover most of ``text``'s words, if the lead is clear."""
    words = [w.lower() for w in _WORD.findall(text[:5000])]
    if not words:
        return None
    scores = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < min_hits or top < 1.3 * second:
        return None
    return best
