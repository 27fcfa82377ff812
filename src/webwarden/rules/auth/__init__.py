"""WW7xx, practice 7: authentication and authorization."""
