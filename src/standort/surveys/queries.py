"""What the survey pages read. Results are counted in the database (one GROUP BY for
every choice question of a survey, one aggregate for the numbers), never by looping
over the answers in Python; a group of respondents smaller than MIN_GROUP is never
shown where the survey is anonymous."""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, F, Func, Max, Min, OuterRef, Q, Subquery

from standort.initiatives.models import Organization

from .models import Answer, OpenLink, Question, Recipient, Response, Section, Survey

# The smallest group of an anonymous survey whose results may be shown apart.
MIN_GROUP = 5
FREE_TEXTS = 200  # shown per question; the export has all of them


def _count_of(model):
    """The number of `model`'s rows of each survey, as a subquery: counting two
    relations in one join would read responses times recipients rows."""
    return Subquery(
        model.objects.filter(survey=OuterRef("pk"))
        .order_by()
        .annotate(n=Func(F("pk"), function="COUNT"))
        .values("n")
    )


def surveys_for(initiative):
    return Survey.objects.filter(initiative=initiative).annotate(
        response_count=_count_of(Response), recipient_count=_count_of(Recipient)
    )


def structure(survey):
    """The survey's sections, each with its questions, in order: two queries."""
    sections = list(Section.objects.filter(survey=survey).order_by("position", "pk"))
    questions = {}
    for question in Question.objects.filter(section__survey=survey).order_by("position", "pk"):
        questions.setdefault(question.section_id, []).append(question)
    for section in sections:
        section.question_list = questions.get(section.pk, [])
    return sections


def recipients_of(survey):
    return Recipient.objects.filter(survey=survey).select_related("organization", "person")


@dataclass
class Result:
    question: Question
    n: int = 0  # respondents who answered it
    rows: list = field(default_factory=list)  # [(label, count, per cent)]
    number: dict | None = None  # {"avg", "min", "max"} of a number question
    texts: list = field(default_factory=list)

    @property
    def chart_id(self):
        """The id of the question's heading, which names its chart."""
        return f"question-{self.question.pk}"


@dataclass
class Results:
    survey: Survey
    respondents: int
    sections: list  # [(section, [Result])]
    group: str = ""  # the group shown, in words ("" = all)
    suppressed: bool = False  # the group is too small to show


def results_stamp(survey):
    """What the results depend on besides the group: the survey's answers, named by
    their number and newest id (answers are never changed, only added or deleted with
    their response)."""
    found = Response.objects.filter(survey=survey).aggregate(n=Count("pk"), newest=Max("pk"))
    return f"{survey.pk}:{survey.version}:{found['n']}:{found['newest']}"


def is_protected(survey, protected=False):
    """Whether the results are read under the rules of an anonymous survey: of one that
    is, always; of one that is not, by anyone but the project office (`protected`,
    which the pages pass), as its respondents were told that only the office sees their
    firm's answers."""
    return survey.is_anonymous or protected


def narrowed(survey, sector="", size="", protected=False):
    responses = counted_responses(survey, protected)
    if sector:
        responses = responses.filter(sector=sector)
    if size:
        responses = responses.filter(size=size)
    return responses


def counted_responses(survey, protected=False):
    """The responses the results count. Of an anonymous survey still open, only the
    oldest whole groups of MIN_GROUP: comparing the results before and after one firm
    took part would otherwise show that firm's answers."""
    responses = Response.objects.filter(survey=survey)
    if not (is_protected(survey, protected) and survey.state == Survey.State.OPEN):
        return responses
    total = responses.count()
    shown = total - total % MIN_GROUP
    if not shown:
        return responses.none()
    last = responses.order_by("pk").values_list("pk", flat=True)[shown - 1]
    return responses.filter(pk__lte=last)


def shown_values(counts):
    """The values of one dimension (sectors or size classes: {value: responses})
    whose groups an anonymous survey may show: each of MIN_GROUP at least, and so many
    fewer that the hidden ones together are none or MIN_GROUP at least, so that no
    small group is what is left of all once the shown ones are taken away."""
    hidden = {value for value, n in counts.items() if n < MIN_GROUP}
    while 0 < sum(counts[value] for value in hidden) < MIN_GROUP:
        rest = [value for value in counts if value not in hidden]
        if not rest:
            break
        hidden.add(min(rest, key=lambda value: (counts[value], value)))
    return set(counts) - hidden


def may_show(survey, sector, size, sizes, protected=False):
    """Whether the results of a group (a sector, a size class, or none: all) may be
    shown. Any of a survey that is not anonymous. Of an anonymous one: all of at least
    MIN_GROUP responses; one sector or one size class (never both: their crossing
    would be a small group) where shown_values allows it. `sizes` are group_sizes."""
    if not is_protected(survey, protected):
        return True
    if sector and size:
        return False
    total = sum(sizes.values())
    if total < MIN_GROUP:
        return False
    if not (sector or size):
        return True
    index, value = (0, sector) if sector else (1, size)
    counts = {}
    for key, n in sizes.items():
        counts[key[index]] = counts.get(key[index], 0) + n
    return value in shown_values(counts)


def results(survey, *, sector="", size="", protected=False):
    """The results of `survey`, of all its respondents or of one sector and/or size
    class. A group too small for an anonymous survey (or for a reader `protected` from
    a named one's firms, see is_protected) shows nothing but that."""
    sections = structure(survey)
    responses = narrowed(survey, sector, size, protected)
    sizes = group_sizes(survey, protected)
    respondents = sum(
        n
        for (each_sector, each_size), n in sizes.items()
        if sector in ("", each_sector) and size in ("", each_size)
    )
    narrowing = bool(sector or size)
    if (respondents or narrowing) and not may_show(survey, sector, size, sizes, protected):
        group = _group_words(sector, size)
        return Results(survey, respondents, [], group=group, suppressed=True)
    # Of an anonymous survey, a group's exact values and words could name a firm in
    # the crossing of two groups: those show for all responses only, and no lowest or
    # highest number at all (one firm's own figure).
    private = is_protected(survey, protected)
    texts_shown = not (private and narrowing)
    asked = [q.pk for section in sections for q in section.question_list]
    answers = Answer.objects.filter(question_id__in=asked)
    if narrowing or (private and survey.state == Survey.State.OPEN):
        answers = answers.filter(response__in=responses.values("pk"))
    counts = {}
    # A response answers a question with an option once: its rows count its responses.
    for question_id, option, n in (
        answers.exclude(option=None)
        .values_list("question_id", "option")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[(question_id, option)] = n
    answered = dict(
        answers.values_list("question_id")
        .annotate(n=Count("response_id", distinct=True))
        .order_by()
    )
    numbers = {
        row["question_id"]: row
        for row in answers.exclude(number=None)
        .values("question_id")
        .annotate(avg=Avg("number"), low=Min("number"), high=Max("number"))
        .order_by()
    }
    text_questions = [q.pk for section in sections for q in section.question_list if q.is_text]
    texts = {}
    # In the order of the words, not of their arrival, which would date them.
    for question_id, text in (
        answers.filter(question_id__in=text_questions if texts_shown else [])
        .exclude(text="")
        .order_by("question_id", "text")
        .values_list("question_id", "text")
    ):
        found = texts.setdefault(question_id, [])
        if len(found) < FREE_TEXTS:
            found.append(text)
    shown = []
    for section in sections:
        section_results = []
        for question in section.question_list:
            n = answered.get(question.pk, 0)
            result = Result(question, n)
            for option, label in question.options if n else ():
                count = counts.get((question.pk, option), 0)
                result.rows.append((label, count, round(100 * count / n, 1) if n else 0))
            if question.pk in numbers:
                row = numbers[question.pk]
                result.number = {"avg": row["avg"]}
                if not private:
                    result.number.update(min=row["low"], max=row["high"])
            result.texts = texts.get(question.pk, [])
            section_results.append(result)
        shown.append((section, section_results))
    return Results(survey, respondents, shown, group=_group_words(sector, size))


def _group_words(sector, size):
    words = []
    if sector:
        words.append(str(dict(Organization.Sector.choices).get(sector, sector)))
    if size:
        words.append(str(dict(Organization.Size.choices).get(size, size)))
    return ", ".join(words)


def group_sizes(survey, protected=False):
    """{(sector, size): respondents} of the survey, for the filter's choices."""
    return {
        (sector, size): n
        for sector, size, n in counted_responses(survey, protected)
        .values_list("sector", "size")
        .annotate(n=Count("pk"))
        .order_by()
    }


def turnout(survey):
    return Recipient.objects.filter(survey=survey).aggregate(
        invited=Count("pk", filter=Q(invited_at__isnull=False)),
        answered=Count("pk", filter=Q(took_part=True)),
        total=Count("pk"),
    )


@dataclass
class Compared:
    text: str
    rows: list  # [(label, per cent before, per cent now)]
    n_before: int
    n_now: int


def comparison(before, now, protected=False):
    """The choice questions the two waves share (by key), each with the share of every
    answer in both: two result reads."""
    earlier, later = results(before, protected=protected), results(now, protected=protected)
    by_key = {
        result.question.key: result
        for _section, section_results in earlier.sections
        for result in section_results
    }
    compared = []
    for _section, section_results in later.sections:
        for result in section_results:
            old = by_key.get(result.question.key)
            if old is None or not result.question.is_choice:
                continue
            old_shares = {label: percent for label, _count, percent in old.rows}
            compared.append(
                Compared(
                    result.question.text,
                    [
                        (label, old_shares.get(label), percent)
                        for label, _count, percent in result.rows
                    ],
                    old.n,
                    result.n,
                )
            )
    return earlier.respondents, later.respondents, compared


def share_of(survey, question, option):
    """(per cent, n) of the survey's respondents to `question` who chose `option`, of
    the responses its results count for every reader (counted_responses)."""
    answers = Answer.objects.filter(
        question=question, response__in=counted_responses(survey, True).values("pk")
    )
    n = answers.values("response_id").distinct().count()
    chosen = answers.filter(option=option).values("response_id").distinct().count()
    return (round(100 * chosen / n, 1) if n else None), n


def open_link_works(survey):
    """Whether the survey has an open link that was not revoked."""
    return OpenLink.objects.filter(survey=survey, link_revoked_at=None).exists()
