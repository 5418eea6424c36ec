"""What the status reviews tell the apps above them (the reports listen). Sent inside
the service's transaction: a listener's writes stand or fall with it."""

from django.dispatch import Signal

# sender=ReviewCycle, cycle=<ReviewCycle>, actor=<User>: the office closed the review.
review_closed = Signal()
