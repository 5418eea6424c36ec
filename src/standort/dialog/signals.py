"""What the dialogue tells the rest of the platform (the notifications listen)."""

from django.dispatch import Signal

# sender=Idea, idea=<Idea>: a member posted an idea in a working group.
idea_posted = Signal()
# sender=Comment, comment=<Comment>: a comment on a measure, an agenda item or an idea.
comment_posted = Signal()
# sender=Idea or Comment, obj=<the idea or comment>, people=[<Person>, …]: newly
# mentioned with @Name in its text (on posting, or added by an edit).
people_mentioned = Signal()
