"""WW3xx, practice 3: database connections and credentials."""
