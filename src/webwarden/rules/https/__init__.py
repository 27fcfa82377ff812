"""WW9xx, practice 9: HTTPS and transport security."""
