"""The five span types of ../shared/annotation-spec.md, in one place."""

LABELS: tuple[str, ...] = ("WEAPON", "COUNT", "LOCATION", "CASUALTY", "ACTOR")


def bio_labels() -> list[str]:
    """IOB2 tag set in a fixed order: O first, then B-/I- per label."""
    tags = ["O"]
    for label in LABELS:
        tags += [f"B-{label}", f"I-{label}"]
    return tags
