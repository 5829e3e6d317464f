"""The words of a search, the same way on PostgreSQL and SQLite: folding, stemming, trigrams.

PostgreSQL folds accents with unaccent and stems with its Snowball dictionaries; SQLite has
neither, so the same steps run here in Python (registered as SQL functions on each SQLite
connection, see encounters/search/sqlite.py), and the query is prepared here for both.
"""

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence

import snowballstemmer

# Letters that unaccent (PostgreSQL's unaccent.rules) turns into others than their base letter;
# every other accent is dropped by Unicode decomposition.
SPECIAL_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "SS",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
        "ı": "i",
    }
)
# Words as PostgreSQL's parser sees most of them: runs of letters and digits.
WORD = re.compile(r"[^\W_]+")
# The languages a person can choose, and the Snowball stemmer (and PostgreSQL configuration) of each.
STEMMERS = {"en": "english", "de": "german"}
DEFAULT_LANGUAGE = "en"
# At most this many words of a query are used: a search box, not a document.
MAX_QUERY_WORDS = 8
# The word being typed also matches one or two letters shorter, down to this many letters.
MIN_SHORTER_PREFIX = 4


def fold(text: str) -> str:
    """Lower case without accents: "Müller" and "MÜLLER" become "muller", "Straße" "strasse"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(SPECIAL_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def words(text: str) -> list[str]:
    """The folded words of `text`, in order."""
    return WORD.findall(fold(text))


@functools.cache
def _stemmer(language: str) -> snowballstemmer.basestemmer.BaseStemmer:
    return snowballstemmer.stemmer(STEMMERS.get(language, STEMMERS[DEFAULT_LANGUAGE]))


def stems(text: str, language: str) -> list[str]:
    """The folded, stemmed words of `text` in `language` ("en" or "de")."""
    return [stem(word, language) for word in words(text)]


# Snowball in pure Python takes tens of microseconds a word; the words people write repeat.
@functools.lru_cache(maxsize=65536)
def stem(word: str, language: str) -> str:
    """The Snowball stem of one folded word."""
    return str(_stemmer(language).stemWord(word))


def indexed_text(language: str, *parts: str | None) -> str:
    """What SQLite's full-text index stores for a row: its stems, separated by spaces."""
    return " ".join(stems(" ".join(p for p in parts if p), language))


def query_words(text: str) -> list[str]:
    """The words of a query, at most MAX_QUERY_WORDS."""
    return words(text)[:MAX_QUERY_WORDS]


def trigrams(text: str) -> set[str]:
    """The trigrams of `text` as PostgreSQL's pg_trgm makes them: each folded word padded with
    two spaces before and one after."""
    found: set[str] = set()
    for word in words(text):
        padded = f"  {word} "
        found.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return found


def similarity(first: str | None, second: str | None) -> float:
    """pg_trgm's similarity(): shared trigrams over all trigrams of both, 0..1."""
    if not first or not second:
        return 0.0
    a, b = trigrams(first), trigrams(second)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def name_similarity(query: str | None, name: str | None) -> float:
    """pg_trgm's strict_word_similarity(): the similarity of `query` with the best run of whole
    words in `name` ("mueller" and "Hans Müller": 0.5, "svenson" and "Ingrid Svensson": 0.7)."""
    if not query or not name:
        return 0.0
    found = words(name)
    runs = [" ".join(found[i:j]) for i in range(len(found)) for j in range(i + 1, len(found) + 1)]
    return max((similarity(query, run) for run in runs), default=0.0)


def last_word_prefixes(word: str) -> list[str]:
    """The prefixes the word being typed is matched with: itself, and one or two letters shorter
    but never under four, so that "weldi" (on its way to "welding") still finds the stem "weld"
    while "eng" does not bring up everything English."""
    shorter = [p for p in (word[:-1], word[:-2]) if len(p) >= MIN_SHORTER_PREFIX]
    return list(dict.fromkeys([word, *shorter]))


def marked(text: str, query: Sequence[str], language: str) -> list[tuple[str, bool]]:
    """`text` cut into (piece, is_match) pieces: the words whose stem matches a query word's stem
    (the last query word also as a prefix, as it is being typed)."""
    if not query:
        return [(text, False)]
    wanted = {stem(w, language) for w in query[:-1]}
    prefixes = [stem(p, language) for p in last_word_prefixes(query[-1])]
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in WORD.finditer(text):
        word = fold(match.group())
        word_stem = stem(word, language)
        hit = word_stem in wanted or any(
            word_stem.startswith(p) or word.startswith(p) for p in prefixes
        )
        if hit:
            if match.start() > position:
                pieces.append((text[position : match.start()], False))
            pieces.append((match.group(), True))
            position = match.end()
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


def excerpt(
    pieces: Iterable[tuple[str, bool]], *, around: int = 60, longest: int = 200
) -> list[tuple[str, bool]]:
    """The part of a marked text around its first match, at most about `longest` characters."""
    pieces = list(pieces)
    total = sum(len(text) for text, _hit in pieces)
    if total <= longest:
        return pieces
    first = next((i for i, (_text, hit) in enumerate(pieces) if hit), None)
    if first is None:
        text = "".join(t for t, _hit in pieces)
        return [(text[:longest].rstrip() + "…", False)]
    before = "".join(t for t, _hit in pieces[:first])
    result: list[tuple[str, bool]] = []
    if len(before) > around:
        cut = before[-around:]
        cut = cut[cut.find(" ") + 1 :] if " " in cut else cut
        result.append(("…" + cut, False))
    elif before:
        result.append((before, False))
    length = sum(len(t) for t, _hit in result)
    for text, hit in pieces[first:]:
        if length + len(text) > longest and not hit:
            keep = text[: max(0, longest - length)]
            keep = keep[: keep.rfind(" ")] if " " in keep else keep
            result.append((keep + "…", False))
            break
        result.append((text, hit))
        length += len(text)
    return result
