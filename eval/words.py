"""The one word tokenization that gold and predicted spans are both projected onto.

Runs of letters/digits form a word; every other non-space character is a word of its own.
This is at least as fine as BERT's pre-tokenizer (whitespace + punctuation), so spans made
of model words and spans annotated on word edges ("Iraq" in "Iraq-Syria", "US" in "US-led")
land exactly on these words.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W_]+|\S")


def word_ranges(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in WORD.finditer(text)]
