"""WW9xx, practice 9: HTTPS, HSTS and TLS."""
