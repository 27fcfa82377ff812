"""The template model: where templates live, what they output, which views render them.

Python modules and template files each give per-file facts (`facts`); `build_templates`
links them in the project step, and `plan_templates` tells the per-file step how to read
each template (dialect, delimiters) from the Python facts.
"""

from __future__ import annotations

from webwarden.model.templates.build import TemplateModel as TemplateModel
from webwarden.model.templates.build import build_templates as build_templates
