"""Label Studio round trip: push articles (with model pre-annotations), pull exports, select what to label.

CLI: ``python -m studio push|pull|select --help``.
"""
