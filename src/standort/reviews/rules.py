"""Who may do what with status reviews. The office runs them; the steering committee
follows them; an owner answers for their own measures (signed in, or by link)."""

import rules

from standort.initiatives.rules import is_office, is_platform_admin, is_steering, takes_part

# The list of reviews (and, for an owner, their own open answers).
rules.add_perm("reviews.view_reviews", takes_part | is_platform_admin)
# Who answered, drafted, has not opened: the follow-up page and the answers.
rules.add_perm("reviews.follow_review", is_office | is_steering | is_platform_admin)
# Create, launch, remind, return, accept, close, answer on an owner's behalf.
rules.add_perm("reviews.manage_reviews", is_office | is_platform_admin)


@rules.predicate
def answers_for_measure(user, answer):
    person = answer.request.person
    return user.is_authenticated and person.user_id == user.pk


@rules.predicate
def takes_part_in_answer(user, answer):
    return takes_part.test(user, answer.cycle.initiative)


# The owner, signed in, answers in the app what their link would show them.
rules.add_perm("reviews.answer", answers_for_measure & takes_part_in_answer)
