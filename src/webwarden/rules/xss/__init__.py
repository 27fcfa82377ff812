"""WW5xx, practice 5: cross-site scripting and template injection."""
