"""The dialogue for the benchmark installation (see README.md): 500 ideas in the
measured body, each with a few comments, replies and supports, one of them with a long
thread; and comments on a meeting's agenda items.

Bulk inserts only. No history rows: the dialogue's pages read none. Dates are spread
over the last two years (created_at is set after the insert, as auto_now_add would
overwrite it)."""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from bench.measures import ACTIONS, PLACES, SUBJECTS
from standort.core.tenancy import across_initiatives

SENTENCES = [
    "Das haben wir im Arbeitskreis schon einmal angesprochen.",
    "Wir sollten die **Kammern** früh einbinden.",
    "Die Finanzierung ist noch offen; ein Förderprogramm des Landes käme in Frage.",
    "Ein Pilot mit drei Betrieben wäre ein guter Anfang.",
    "Bitte an die kleinen Betriebe denken – die haben keine eigene Personalabteilung.",
    "Die Verwaltung braucht dafür eine feste Ansprechperson.",
    "Das passt gut zu den Ergebnissen der Unternehmensbefragung.",
    "Können wir das in der nächsten Sitzung vorstellen?",
]
LONG_THREAD = 40  # top-level comments on the measured idea, each answered once


@dataclass(frozen=True)
class DialogBench:
    body: int  # the body whose ideas are listed: /<slug>/bodies/<body>/ideas/
    idea: int  # the idea with the long thread: /<slug>/ideas/<idea>/
    ideas: int
    comments: int
    supports: int


def _text(rng, mention=None):
    parts = rng.sample(SENTENCES, k=rng.randint(1, 3))
    if mention is not None:
        parts.insert(0, f"@{mention.first_name} {mention.last_name},")
    return " ".join(parts)


def _mentions(person):
    return [[person.pk, f"{person.first_name} {person.last_name}"]]


def _spread(rng, objects, start, end):
    """Random creation times between `start` and `end` (datetimes)."""
    span = int((end - start).total_seconds())
    for obj in objects:
        obj.created_at = start + timedelta(seconds=rng.randrange(max(span, 1)))


@across_initiatives()
def generate_dialog(initiative, body, persons, users, *, seed, ideas=500, measure=None):
    """Fills `body` of `initiative` with `ideas` ideas by `users` (accounts taking part
    in it), with comments, replies and supports; some comments mention one of
    `persons`. With `measure`, that measure gets a thread of comments too. Returns a
    DialogBench."""
    from standort.dialog.models import Comment, Idea, Support

    rng = random.Random(seed)
    users = list(users)
    persons = list(persons)
    now = timezone.now()
    created = Idea.objects.bulk_create(
        (
            Idea(
                initiative=initiative,
                body=body,
                author=rng.choice(users),
                title=f"{rng.choice(SUBJECTS)} {rng.choice(PLACES)} {rng.choice(ACTIONS)}",
                text="\n\n".join(_text(rng) for _ in range(rng.randint(1, 3))),
            )
            for _ in range(ideas)
        ),
        batch_size=1000,
    )
    _spread(rng, created, now - timedelta(days=730), now - timedelta(hours=1))
    Idea.objects.bulk_update(created, ["created_at"], batch_size=1000)
    # The newest idea: first in the list, and the one whose page is measured.
    measured = max(created, key=lambda idea: idea.created_at)

    def comment(parent=None, **target):
        mention = rng.choice(persons) if persons and rng.random() < 0.1 else None
        row = Comment(
            initiative=initiative,
            parent=parent,
            author=rng.choice(users),
            text=_text(rng, mention),
            mentions=_mentions(mention) if mention else [],
            **target,
        )
        if rng.random() < 0.03:
            row.hidden_at, row.hidden_reason = now, "Bitte sachlich bleiben."
        return row

    top = []
    for idea in created:
        n = LONG_THREAD if idea is measured else rng.choice([0, 0, 1, 2, 3, 5])
        top += [comment(idea=idea) for _ in range(n)]
    if measure is not None:
        top += [comment(measure=measure) for _ in range(LONG_THREAD)]
    top = Comment.objects.bulk_create(top, batch_size=2000)
    replies = [
        comment(parent=c, idea_id=c.idea_id, measure_id=c.measure_id)
        for c in top
        if c.idea_id == measured.pk or c.measure_id or rng.random() < 0.3
    ]
    replies = Comment.objects.bulk_create(replies, batch_size=2000)
    every = top + replies
    _spread(rng, every, now - timedelta(days=700), now - timedelta(minutes=30))
    Comment.objects.bulk_update(every, ["created_at"], batch_size=2000)

    supports = []
    for idea in created:
        backers = rng.sample(users, k=min(len(users), rng.randint(0, 8)))
        supports += [Support(idea=idea, user=u) for u in backers if u.pk != idea.author_id]
    Support.objects.bulk_create(supports, batch_size=5000)
    return DialogBench(
        body=body.pk,
        idea=measured.pk,
        ideas=len(created),
        comments=len(every),
        supports=len(supports),
    )


@across_initiatives()
def generate_agenda_comments(agenda_items, users, *, count=200, seed):
    """`count` comments spread over `agenda_items` (of one initiative's meetings), about
    a third of them replies to a comment on the same item. Returns the comments."""
    from standort.dialog.models import Comment
    from standort.meetings.models import AgendaItem

    rng = random.Random(seed)
    users = list(users)
    items = list(
        AgendaItem.objects.filter(pk__in=[item.pk for item in agenda_items]).values_list(
            "pk", "meeting__initiative_id"
        )
    )
    top_count = count - count // 3
    top = Comment.objects.bulk_create(
        Comment(initiative_id=initiative_id, agenda_item_id=item, author=rng.choice(users),
                text=_text(rng))
        for item, initiative_id in (rng.choice(items) for _ in range(top_count))
    )  # fmt: skip
    replies = Comment.objects.bulk_create(
        Comment(initiative_id=parent.initiative_id, agenda_item_id=parent.agenda_item_id,
                parent=parent, author=rng.choice(users), text=_text(rng))
        for parent in (rng.choice(top) for _ in range(count - top_count))
    )  # fmt: skip
    now = timezone.now()
    every = top + replies
    _spread(rng, every, now - timedelta(days=60), now - timedelta(minutes=30))
    Comment.objects.bulk_update(every, ["created_at"], batch_size=2000)
    return every
