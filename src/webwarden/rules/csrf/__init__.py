"""WW6xx, practice 6: cross-site request forgery (CSRF) protection."""
