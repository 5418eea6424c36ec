"""What every app's demo loader shares: a tally of what a run created and changed, and
an update that writes only what differs, so that loading the demo again changes
nothing."""

from collections import Counter


class Result:
    """What a run created and changed, counted per model."""

    def __init__(self):
        self.created = Counter()
        self.changed = Counter()

    def note(self, model, *, created):
        (self.created if created else self.changed)[model.__name__] += 1

    @property
    def total(self):
        return sum(self.created.values()) + sum(self.changed.values())

    def summary(self):
        if not self.total:
            return "Demo-Daten unverändert – nothing changed."

        def listing(counter):
            return ", ".join(f"{name} {n}" for name, n in sorted(counter.items())) or "–"

        return (
            "Demo-Daten geladen – demo data loaded.\n"
            f"  angelegt / created: {listing(self.created)}\n"
            f"  geändert / changed: {listing(self.changed)}"
        )


def differs(instance, values):
    """Sets the values that differ from the instance and says whether there were any."""
    changed = False
    for name, value in values.items():
        field = instance._meta.get_field(name)
        wanted = value.pk if field.is_relation and value is not None else value
        if getattr(instance, field.attname) != wanted:
            setattr(instance, name, value)
            changed = True
    return changed
