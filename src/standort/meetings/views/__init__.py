"""Meeting pages: the list, planning, the meeting with its agenda and invitations,
its .ics (`meetings`); the agenda's items and files (`agenda`); the minutes with
attendance, decisions and action items (`minutes`); the invitee's answer through their
personal link and the personal calendar feed (`links`)."""
