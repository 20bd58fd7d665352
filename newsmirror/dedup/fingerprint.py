"""Fingerprints of story text: normalised word shingles, MinHash signatures, LSH band keys and
paragraph keys, so a copy finds its story by looking up keys, never by scanning stories.

Normalisation folds case, quotes, punctuation and whitespace, so a copy whose quotes were
straightened or whose spacing changed fingerprints like its original.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

SHINGLE_WORDS = 5
NUM_PERM = 128
BANDS = 32  # 32 bands of 4 rows: pairs above ~0.5 Jaccard almost always share a band
ROWS = NUM_PERM // BANDS
MIN_PARAGRAPH_CHARS = 80  # shorter paragraphs ("Updated: …") say nothing about the story
_MERSENNE = np.uint64((1 << 61) - 1)
_MASK32 = np.uint64(0xFFFFFFFF)
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)

Signature = npt.NDArray[np.uint64]


# Scripts written without spaces between words (Chinese characters, kana): each character is a
# word, so that a copy whose lines break elsewhere (ruby readings, inline names set apart) shares
# its original's shingles instead of losing every clause a break falls in.
_UNSPACED = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])")


def normalize(text: str) -> str:
    """Case-, accent-form-, quote-, punctuation- and whitespace-insensitive form of ``text``."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _NON_WORD.sub(" ", text)
    if not text.isascii():
        text = _UNSPACED.sub(r" \1 ", text)
    return " ".join(text.split())


def _hash32(data: str) -> int:
    return int.from_bytes(hashlib.blake2b(data.encode("utf-8"), digest_size=4).digest(), "little")


def shingle_hashes(normalized: str, k: int = SHINGLE_WORDS) -> npt.NDArray[np.uint64]:
    """32-bit hashes of the distinct k-word shingles (a short text is one shingle)."""
    words = normalized.split()
    if not words:
        return np.zeros(0, dtype=np.uint64)
    grams = {" ".join(words[i : i + k]) for i in range(max(1, len(words) - k + 1))}
    return np.fromiter((_hash32(g) for g in grams), dtype=np.uint64, count=len(grams))


@lru_cache(maxsize=4)
def _permutations(
    num_perm: int, seed: int
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    rng = np.random.default_rng(seed)
    a = rng.integers(1, int(_MERSENNE), size=num_perm, dtype=np.uint64)
    b = rng.integers(0, int(_MERSENNE), size=num_perm, dtype=np.uint64)
    return a, b


def minhash(hashes: npt.NDArray[np.uint64], num_perm: int = NUM_PERM, seed: int = 1) -> Signature:
    """The MinHash signature of a shingle set (all-ones for the empty set)."""
    if hashes.size == 0:
        return np.full(num_perm, _MASK32, dtype=np.uint64)
    a, b = _permutations(num_perm, seed)
    with np.errstate(over="ignore"):
        values = (np.outer(a, hashes) + b[:, None]) % _MERSENNE & _MASK32
    return np.asarray(values.min(axis=1), dtype=np.uint64)


def band_keys(signature: Signature, bands: int = BANDS) -> list[str]:
    """One key per LSH band: documents sharing any key are candidates for comparison."""
    rows = signature.size // bands
    keys = []
    for band in range(bands):
        chunk = signature[band * rows : (band + 1) * rows].tobytes()
        keys.append(f"b{band}:{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
    return keys


def paragraph_keys(paragraphs: list[str], normalized: list[str] | None = None) -> list[str]:
    """Keys of the story's substantial paragraphs: a truncated or trimmed copy keeps some whole.
    ``normalized``: the paragraphs normalised, when the caller has them."""
    keys = []
    norms = normalized if normalized is not None else map(normalize, paragraphs)
    for paragraph, norm in zip(paragraphs, norms, strict=True):
        if len(norm) >= MIN_PARAGRAPH_CHARS and _distinctive(paragraph):
            keys.append("p:" + hashlib.blake2b(norm.encode("utf-8"), digest_size=8).hexdigest())
    return list(dict.fromkeys(keys))


LEAD_PREFIX = "l:"
LEAD_WORDS = 10  # how a paragraph opens: its first words
LEAD_PARAGRAPHS = 3  # ...of the text's first paragraphs


def lead_keys(normalized: list[str]) -> list[str]:
    """Keys of how the text's first paragraphs (``normalized``) open. A feed's excerpt is a
    paragraph's opening (the lead, the deck), too short to share an LSH band with the article
    and often too plain for a paragraph key: it finds the story by how they open."""
    keys = []
    for norm in normalized[:LEAD_PARAGRAPHS]:
        words = norm.split()
        if len(words) >= LEAD_WORDS:
            opening = " ".join(words[:LEAD_WORDS])
            keys.append(
                LEAD_PREFIX + hashlib.blake2b(opening.encode("utf-8"), digest_size=8).hexdigest()
            )
    return list(dict.fromkeys(keys))


TITLE_PREFIX = "h:"
MIN_TITLE_WORDS = 4  # "Live updates", "Weather": a title this short is many stories'


@lru_cache(maxsize=4096)
def title_key(title: str | None) -> str | None:
    """The key of a headline, however it is cased and punctuated (``None`` for a short one).
    A copy that keeps only the article's first sentence or two (a feed's excerpt whose opening
    is not the article's, a caption) finds the story by the headline it keeps, and is judged by
    its words (``newsmirror.dedup.match.decide``)."""
    words = normalize(title or "").split()
    if len(words) < MIN_TITLE_WORDS:
        return None
    digest = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).hexdigest()
    return TITLE_PREFIX + digest


def line_hash(normalized: str) -> int:
    """A paragraph's hash, ``normalized``: whatever its case, quotes, punctuation and spacing."""
    return _hash32(normalized)


def line_hashes(normalized: list[str]) -> tuple[int, ...]:
    """The distinct hashes of paragraphs, ``normalized`` (empty ones aside), sorted."""
    return tuple(sorted({line_hash(norm) for norm in normalized if norm}))


# A capitalised word right after a sentence end is just a sentence start, not a name.
_SENTENCE_START = re.compile(r"(?:^\W*|[.!?…\"]\s+)\Z")
_ENTITY = re.compile(r"\b(?:\d[\d.,:/%-]*\d|\d|[A-ZÀ-ÖØ-Þ][\w'-]{2,})\b")
MAX_ENTITIES = 96


# Every apostrophe and quotation mark, by the ASCII one it folds to before names are picked out.
_QUOTES = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′`´", "'"),
        **dict.fromkeys("“”„‟″«»‹›「」『』", '"'),
    }
)


def _canonical(text: str) -> str:
    """``text`` with quotes folded and whitespace runs collapsed (case and words kept)."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).split())


def entity_hashes(text: str) -> tuple[int, ...]:
    """Numbers and capitalised words: what tells apart stories written from one template.

    Two market reports that differ only in names and figures share most shingles but few of these;
    a copy of a story shares its original's. Read from the canonical text, so a copy whose quotes
    were straightened or whose spacing changed has its original's.
    """
    text = _canonical(text)
    found = {
        m.group(0).rstrip(".,")
        for m in _ENTITY.finditer(text)
        if m.group(0)[0].isdigit()
        or not _SENTENCE_START.search(text[max(0, m.start() - 4) : m.start()])
    }
    return tuple(sorted(_hash32(e.casefold()) for e in found))[:MAX_ENTITIES]


# Chinese and Japanese have no capitals to tell a name by: a paragraph of this many of their
# characters (a sentence or two, as long as MIN_PARAGRAPH_CHARS of a Latin script) is the story's.
MIN_UNSPACED_CHARS = 30


def _distinctive(paragraph: str) -> bool:
    """A paragraph that names someone or something, or gives a figure: not interchangeable text."""
    return (
        len(entity_hashes(paragraph)) >= 2
        or len(_UNSPACED.findall(paragraph)) >= MIN_UNSPACED_CHARS
    )


@dataclass(frozen=True)
class Fingerprint:
    """Everything needed to find and compare a text's near-duplicates."""

    signature: Signature
    size: int  # distinct shingles
    paragraphs: tuple[str, ...]  # paragraph keys
    entities: tuple[int, ...] = ()  # hashes of numbers and names
    # Hashes of every paragraph, however short (a sub-heading, "Read more:"): kept with a copy's
    # print, to tell which of a story's short lines the copy carries (dedup.consensus); a
    # story's own fingerprint, and a print kept before they were, has none.
    lines: tuple[int, ...] = ()
    # Keys of how the first paragraphs open (``lead_keys``) and of the headline (``title_key``):
    # a story is found by them, never judged (they count as no shared paragraph).
    leads: tuple[str, ...] = ()

    @classmethod
    def of(cls, paragraphs: list[str], title: str | None = None) -> Fingerprint:
        text = " ".join(paragraphs)
        hashes = shingle_hashes(normalize(text))
        norms = [normalize(p) for p in paragraphs]
        headline = title_key(title)
        return cls(
            minhash(hashes),
            int(hashes.size),
            tuple(paragraph_keys(paragraphs, norms)),
            entity_hashes(text),
            line_hashes(norms),
            tuple(lead_keys(norms)) + ((headline,) if headline else ()),
        )

    def index_keys(self) -> list[str]:
        return band_keys(self.signature) + list(self.paragraphs) + list(self.leads)

    def stored_keys(self) -> list[str]:
        """The paragraph, lead and title keys, as a store keeps them (``from_bytes`` tells them
        apart)."""
        return list(self.paragraphs) + list(self.leads)

    def to_bytes(self) -> bytes:
        return self.signature.astype("<u4").tobytes()

    @classmethod
    def from_bytes(
        cls, data: bytes, size: int, paragraphs: tuple[str, ...], entities: tuple[int, ...]
    ) -> Fingerprint:
        """A fingerprint as stored; ``paragraphs``: its ``stored_keys`` (a store written before
        lead and title keys were has none)."""
        finders = (LEAD_PREFIX, TITLE_PREFIX)
        leads = tuple(k for k in paragraphs if k.startswith(finders))
        if leads:
            paragraphs = tuple(k for k in paragraphs if not k.startswith(finders))
        signature = np.frombuffer(data, dtype="<u4").astype(np.uint64)
        return cls(signature, size, paragraphs, entities, (), leads)

    def pack(self) -> bytes:
        """The whole fingerprint in one value (a copy's, kept beside its story)."""
        head = [self.size, self.stored_keys(), list(self.entities), list(self.lines)]
        return json.dumps(head).encode() + b"\n" + self.to_bytes()

    @classmethod
    def unpack(cls, data: bytes) -> Fingerprint:
        head, _, signature = bytes(data).partition(b"\n")
        size, paragraphs, entities, *lines = json.loads(head)  # kept before lines were: none
        fp = cls.from_bytes(signature, int(size), tuple(paragraphs), tuple(entities))
        return cls(fp.signature, fp.size, fp.paragraphs, fp.entities, tuple(*lines), fp.leads)


def jaccard(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated resemblance of the two shingle sets."""
    return float(np.mean(a.signature == b.signature))


def entity_containment(a: Fingerprint, b: Fingerprint) -> float:
    """Share of ``a``'s names and numbers found in ``b`` (1.0 when ``a`` has too few to judge).

    A text keeps only the ``MAX_ENTITIES`` smallest hashes of its names: when ``b``'s are cut so,
    only ``a``'s names within the hashes ``b`` kept can be looked for in it (a bottom-k sample);
    a long article's names beyond them are not missing from it.
    """
    mine = a.entities
    if len(b.entities) >= MAX_ENTITIES:
        mine = tuple(e for e in mine if e <= b.entities[-1])
    if len(mine) < 3:
        return 1.0
    return len(set(mine) & set(b.entities)) / len(mine)


def containment(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated share of ``a``'s shingles found in ``b`` (from Jaccard and the set sizes)."""
    j = jaccard(a, b)
    if a.size == 0:
        return 0.0
    return min(1.0, j * (a.size + b.size) / ((1.0 + j) * a.size))
