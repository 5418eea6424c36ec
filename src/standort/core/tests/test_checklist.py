"""The Checklist widget on its own: a fieldset of labelled checkboxes with a filter
that waits for its script, the chosen ones first, and a word when there is nothing
to choose."""

import re

from django import forms

from standort.core.forms import Checklist, KernForm


class TopicsForm(KernForm):
    topics = forms.MultipleChoiceField(
        label="Handlungsfelder",
        required=False,
        choices=[("a", "Arbeit"), ("b", "Bildung"), ("c", "Clusterpolitik")],
        widget=Checklist,
    )


def test_a_fieldset_of_checkboxes_with_the_chosen_first():
    html = str(TopicsForm(data={"topics": ["c"]}))
    legend = re.search(r"<legend[^>]*>([^<]+)", html).group(1)
    assert legend.strip() == "Handlungsfelder"
    boxes = re.findall(r'<input type="checkbox" name="topics" value="(\w)"([^>]*)>', html)
    assert [value for value, _attrs in boxes] == ["c", "a", "b"]
    assert "checked" in boxes[0][1]
    assert 'class="kern-form-check__checkbox"' in boxes[0][1]
    assert re.search(r'<label class="kern-label" for="id_topics_filter">Liste filtern<', html)
    assert "1 ausgewählt" in html


def test_the_script_is_a_file_loaded_deferred():
    assert str(TopicsForm().media) == '<script src="/static/core/checklist.js" defer></script>'


def test_nothing_to_choose():
    form = TopicsForm()
    form.fields["topics"].choices = []
    html = str(form)
    assert "Es gibt nichts zur Auswahl." in html
    assert 'type="search"' not in html
