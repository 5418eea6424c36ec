import factory

from standort.dialog.models import Comment, Idea, Support
from standort.initiatives.tests.factories import BodyFactory


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea

    body = factory.SubFactory(BodyFactory)
    initiative = factory.SelfAttribute("body.initiative")
    title = factory.Sequence(lambda n: f"Idee {n}")
    text = "Wir sollten die Gründungsberatung an einem Ort bündeln."


class CommentFactory(factory.django.DjangoModelFactory):
    """A comment on an idea (pass measure= or agenda_item= with idea=None otherwise)."""

    class Meta:
        model = Comment

    idea = factory.SubFactory(IdeaFactory)
    measure = None
    agenda_item = None
    initiative = factory.LazyAttribute(
        lambda o: (o.idea or o.measure or getattr(o.agenda_item, "meeting", None)).initiative
    )
    text = "Gute Idee, das unterstützen wir."


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    idea = factory.SubFactory(IdeaFactory)
