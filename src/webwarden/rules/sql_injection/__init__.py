"""WW4xx, practice 4: SQL injection."""
