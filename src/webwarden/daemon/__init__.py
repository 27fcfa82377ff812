"""`webwarden check --daemon`: checks served by a webwarden process that stays up.

`client` is all the command imports; `server` is the resident process; `wire` is where
it listens and how the two talk; `resident` holds the project caches a server keeps.
"""
