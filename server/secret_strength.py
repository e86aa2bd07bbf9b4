"""How much a secret is worth: a generous entropy estimate, so production refuses guessable keys."""

from __future__ import annotations

import math
import re
from collections import Counter

# Enough to judge any secret; a longer one is judged by its start (and the work stays small).
_SECRET_SAMPLE = 512
# A repeat of at least this many characters counts as one symbol, as a compressor would store it.
_REPEAT = 3
# A word is worth what a word list gives (Diceware: 7776 words, 12.9 bits), not its letters' worth.
_WORD = re.compile(r"[A-Za-z][a-z]{2,}")
_WORD_BITS = math.log2(7776)


def _symbols(text: str) -> int:
    """How many symbols `text` takes when every repeat of an earlier stretch (≥ 3 characters) is one."""
    count = position = 0
    while position < len(text):
        longest = 0
        for start in range(position):
            length = 0
            while position + length < len(text) and text[start + length] == text[position + length]:
                length += 1
            longest = max(longest, length)
        position += longest if longest >= _REPEAT else 1
        count += 1
    return count


def secret_bits(secret: str) -> float:
    """A generous estimate of a secret's entropy: bits per character (Shannon, from the characters
    actually used) times its length once repeats are folded ("0123456789" * 5 is 11 symbols), or
    less if it reads as words (each worth a word list's 12.9 bits, not its letters')."""
    sample = secret[:_SECRET_SAMPLE]
    if not sample:
        return 0.0
    counts = Counter(sample).values()
    per_character = -sum(n / len(sample) * math.log2(n / len(sample)) for n in counts)
    words = _WORD.findall(sample)
    as_words = len(words) * _WORD_BITS + per_character * (len(sample) - sum(map(len, words)))
    return min(per_character * _symbols(sample), as_words)
