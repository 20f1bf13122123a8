"""Data stage: Label Studio exports in, articles with gold spans out.

Modules: `labels` (the five span types), `spans` (Article/Span records),
`labelstudio` (export loader), `markup` (inline [[text|LABEL]] authoring format),
`lint` (spec lint), `split` (article-level train/dev/test split), `check` (data checker CLI).
"""
