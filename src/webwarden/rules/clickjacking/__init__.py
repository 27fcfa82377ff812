"""WW10xx, practice 10: clickjacking (framing protection)."""
