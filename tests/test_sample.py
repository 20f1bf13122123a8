"""The double-annotation draw is reproducible from the committed corpus."""

from __future__ import annotations

import pytest

from data.sample import DOUBLE_ANNOTATION_N, DOUBLE_ANNOTATION_SEED, draw


def test_draw_is_seeded_sorted_and_independent_of_input_order():
    ids = [f"w{i:03d}" for i in range(1, 301)]
    first = draw(ids)
    assert first == draw(list(reversed(ids))) == sorted(first) and len(set(first)) == DOUBLE_ANNOTATION_N
    assert draw(ids, seed=DOUBLE_ANNOTATION_SEED + 1) != first
    assert any(i <= "w150" for i in first) and any(i > "w150" for i in first)  # both batches


def test_cannot_draw_more_than_there_is():
    with pytest.raises(ValueError, match="cannot draw"):
        draw(["a", "b"], n=3)
