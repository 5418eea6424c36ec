"""What the meetings tell the rest of the platform (the notifications listen)."""

from django.dispatch import Signal

# sender=Meeting, meeting=<Meeting>, invitations=[<Invitation>, …],
# kind="invite" | "update" | "cancel" | "remind": mails to these invitations were queued.
invitations_sent = Signal()
