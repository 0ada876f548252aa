"""Files → text lines with positions → parsed fields → NeedsReport records + diagnostics.

Knows nothing of graphs. Entry point for callers: `kompetansekart.ingest.pipeline`.
"""
