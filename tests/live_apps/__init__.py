"""Tiny Flask and Django apps (and misbehaving servers) that the probe tests serve."""
