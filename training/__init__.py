"""Training stage: articles -> subword windows with IOB2 labels -> fine-tuned token classifier."""
