"""Evaluation stage: model output on raw article text vs gold, strict IOB2 seqeval scores."""
