"""Analyses over the model: constant evaluation now, taint tracking later."""

from __future__ import annotations
