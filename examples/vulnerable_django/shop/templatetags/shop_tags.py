from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def highlight(text, term):
    return mark_safe(str(text).replace(term, f"<mark>{term}</mark>"))
