"""Places on a page that the apps above fill. A lower app's template names the place,
`{% slot "measure.facts" measure %}`; an app above says in its AppConfig.ready() what
it shows there: a template and a function that returns the template's context (or
None to show nothing). The comments under a measure, the decisions that adopted it and
the follow button reach the measure's page this way, so the measures app neither
imports those apps nor loads their template tags.

A page may keep a place's content in the cache with the rest of what it shows of its
object: it then adds the models each fill names as `stamped_by` to its stamp
(`core.history.stamped`), and keys the kept content by what the fills' rules read of
the reader. A fill whose content is the same for every reader it shows it to may keep
it itself, under the key of the page's stamp (`core.pages.kept_key`): the body's page
keeps its measures and meetings so, beside its ideas, which it reads anew each time."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

_filled = defaultdict(list)


@dataclass(frozen=True)
class Fill:
    template: str
    context: Callable
    order: int
    stamped_by: tuple


def fill(slot, template, context=None, *, order=50, stamped_by=()):
    """Shows `template` at `slot`, in the page's context plus what
    `context(page_context, obj)` returns (by default `{"target": obj}`); lower `order`
    comes first. `stamped_by`: the models whose newest history record moves whenever
    what it shows changes (for a place a page keeps)."""
    entry = Fill(
        template,
        context or (lambda page_context, obj: {"target": obj}),
        order,
        tuple(stamped_by),
    )
    if entry not in _filled[slot]:
        _filled[slot].append(entry)
        _filled[slot].sort(key=lambda each: each.order)


def fills(slot):
    return _filled.get(slot, ())


def stamped_by(slot):
    """The models that stamp what the fills of `slot` show, each once."""
    return tuple(dict.fromkeys(model for entry in fills(slot) for model in entry.stamped_by))
