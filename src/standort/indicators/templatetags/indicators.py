"""How an indicator stands, in words: its trend since the value before and whether it
has reached its target. The colour of a trend repeats what its words say."""

from dataclasses import dataclass

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from standort.core.templatetags.charts import figure, indicator_line

register = template.Library()


@dataclass(frozen=True)
class Trend:
    arrow: str  # ↑ ↓ →
    words: str  # "up 1,2 on 31.12.2023"
    judgement: str  # "better", "worse", "" (unchanged)


def _better(indicator, change):
    if change == 0:
        return ""
    return "better" if (change > 0) == indicator.higher_is_better else "worse"


@register.simple_tag
def trend(indicator):
    """The change from the value before the newest (`queries.with_trend`), or None."""
    latest, previous = indicator.latest_value, indicator.previous_value
    if latest is None or previous is None:
        return None
    change = latest - previous
    since = date_format(indicator.previous_on, "SHORT_DATE_FORMAT")
    if change == 0:
        return Trend("→", _("unchanged since %(day)s") % {"day": since}, "")
    words = _("%(sign)s%(change)s since %(day)s") % {
        "sign": "+" if change > 0 else "−",
        "change": figure(abs(change)),
        "day": since,
    }
    return Trend("↑" if change > 0 else "↓", words, _better(indicator, change))


@register.simple_tag
def target_state(indicator, value=None):
    """ "reached" where the newest value (or `value`) meets the target, "missed" where
    it does not and the target's day has passed, "open" before it; None without a
    target or a value."""
    value = indicator.latest_value if value is None else value
    if indicator.target_value is None or value is None:
        return None
    if indicator.higher_is_better:
        reached = value >= indicator.target_value
    else:
        reached = value <= indicator.target_value
    if reached:
        return "reached"
    return "missed" if indicator.target_on < timezone.localdate() else "open"


register.filter("figure", figure)


@register.inclusion_tag("core/charts/indicator_line.html")
def value_chart(indicator, values, chart_id):
    """The chart of `values` (oldest first) with the indicator's target."""
    target = None
    if indicator.target_value is not None:
        target = (indicator.target_on, indicator.target_value)
    return indicator_line([(v.observed_on, v.value) for v in values], chart_id, target)
