"""Services used by the views."""
