"""The project's own Flask class, kept apart from the app made of it."""

from flask import Flask


class PortalFlask(Flask):
    """Logs every unhandled error once more, with the portal's name."""

    def log_exception(self, exc_info):
        self.logger.error("portal error")
        super().log_exception(exc_info)


class AdminPortalFlask(PortalFlask):
    """A subclass of the subclass: still a Flask app."""
