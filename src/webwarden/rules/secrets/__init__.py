"""WW2xx, practice 2: secrets in code and configuration."""
