"""How unsure the model is about an article: the score behind active learning (`studio select`).

Measure: least confidence per word (1 - the highest class probability of the word's first
subword, averaged over windows), then the mean over the article's ``top_k`` least confident
words. Why: a mean over all words is dominated by the many easy "O" words and so favours short
articles; a sum favours long ones; the few words the model hesitates on are where an annotator's
correction teaches it most, so we average just those.
"""

from __future__ import annotations

import numpy as np

TOP_K = 10


def article_uncertainty(word_probs: np.ndarray, top_k: int = TOP_K) -> float:
    """Mean least-confidence of the top_k least confident words (0 = certain, up to 1 - 1/num_labels)."""
    if len(word_probs) == 0:
        return 0.0
    least_confidence = 1.0 - word_probs.max(axis=1)
    k = min(top_k, len(least_confidence))
    return float(np.sort(least_confidence)[-k:].mean())
