"""The shared date input (supervise.web.forms.GovukDateField), used by every date field: each
wrong part is named the GOV.UK way, only the wrong boxes are marked, and the error summary links
to the first of them."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django import forms
from django.urls import reverse

from supervise.web.forms import GovukDateField
from tests.web.team.helpers import login

FOUR = f"a year with 4 numbers, like {date.today().year}"


class DateForm(forms.Form):
    on = GovukDateField(what="The date of the session", label="Date")


@pytest.mark.parametrize(
    ("day", "month", "year", "message", "wrong"),
    [
        ("31", "13", "26", f"must include a real month, and {FOUR}", ("month", "year")),
        ("32", "13", "2026", "must include a real day and month", ("day", "month")),
        ("0", "0", "0", f"must include a real day and month, and {FOUR}", ("day", "month", "year")),
        ("3rd", "2", "2026", "must include a real day", ("day",)),
        ("3", "Feb", "20x6", "must include a real month and year", ("month", "year")),
        ("3", "2", "27", f"must have {FOUR}", ("year",)),
        ("", "", "2026", "must include a day and month", ("day", "month")),
        ("31", "2", "2027", "must be a real date", ("day", "month", "year")),
    ],
)  # fmt: skip
def test_every_wrong_part_is_named(day, month, year, message, wrong) -> None:
    form = DateForm({"on_0": day, "on_1": month, "on_2": year})
    assert not form.is_valid()
    assert form.errors["on"] == [f"The date of the session {message}"]
    assert form.fields["on"].wrong_parts == wrong


def test_a_real_date_is_a_date_and_clears_what_was_wrong() -> None:
    form = DateForm({"on_0": " 3 ", "on_1": "02", "on_2": "2027"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["on"] == date(2027, 2, 3)
    assert form.fields["on"].wrong_parts == ()


@pytest.mark.django_db
def test_a_booking_date_of_31_13_26_names_month_and_year_and_marks_those_boxes(
    client, team
) -> None:
    url = reverse("sessions:schedule", args=[team.worker.pk])
    data = {"on_0": "31", "on_1": "13", "on_2": "26", "repeat": "1"}
    html = login(client, team.manager).post(url, data).content.decode()
    message = f"The date of the first session must include a real month, and {FOUR}"
    assert message in html
    assert f'<a href="#id_on_1">{message}</a>' in html  # the summary: the first wrong box
    boxes = re.findall(r'<input class="([^"]*)" id="id_on_(\d)"', html)
    assert len(boxes) == 3
    marked = {index for classes, index in boxes if "govuk-input--error" in classes}
    assert marked == {"1", "2"}  # month and year, not the day
    assert 'value="31"' in html
    assert 'value="13"' in html
    assert 'value="26"' in html
