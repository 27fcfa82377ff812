"""WW0xx: the tool's own notices (files not analysed, unused or expired suppressions)."""
