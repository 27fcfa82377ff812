"""WW8xx, practice 8: sessions and cookies."""
