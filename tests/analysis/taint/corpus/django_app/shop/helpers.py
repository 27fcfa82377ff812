"""Helpers for the views."""

import os

MEDIA = "/srv/media"


def d18_path(name):
    # d18: joins a file name under the media directory.
    return os.path.join(MEDIA, name)
