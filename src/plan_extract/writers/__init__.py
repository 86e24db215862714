"""Writers: the canonical JSON (and, later, exports for other tools)."""
