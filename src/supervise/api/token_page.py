"""The web page where a signed-in person creates a personal API token (/api/tokens/new/).

The token is shown once, in the response to the form, and never stored: the page is sent with
`Cache-Control: no-store` so that the browser does not keep it either.
"""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from supervise.api import services
from supervise.api.auth import DEFAULT_TOKEN_DAYS
from supervise.web.permissions import requires
from supervise.web.shortcuts import client_address

LIFETIMES = [("7", "7 days"), ("30", "30 days"), ("90", "90 days")]


class TokenForm(forms.Form):
    purpose = forms.CharField(
        label="What is the token for?",
        help_text="For example, ‘weekly caseload report’. This is kept in the audit trail.",
        max_length=200,
        error_messages={
            "required": "Enter what the token is for",
            "max_length": "What the token is for must be 200 characters or fewer",
        },
    )
    days = forms.TypedChoiceField(
        label="How long should it last?",
        choices=LIFETIMES,
        coerce=int,
        initial=str(DEFAULT_TOKEN_DAYS),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how long the token should last",
            "invalid_choice": "Select how long the token should last",
        },
    )


PAGE = """{% extends "web/base.html" %}{% load supervise_tags %}
{% block page_title %}{% if issued %}Your API token{% else %}Create an API token{% endif %}
{% endblock %}
{% block before_content %}
<a href="{{ docs_url }}" class="govuk-back-link">Back to the API reference</a>
{% endblock %}
{% block content %}
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
  {% if issued %}
    <h1 class="govuk-heading-l">Your API token</h1>
    <div class="govuk-warning-text">
      <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
      <strong class="govuk-warning-text__text">
        <span class="govuk-visually-hidden">Warning</span>
        Copy it now: it will not be shown again. Anyone who has it can act as you.
      </strong>
    </div>
    <label class="govuk-label govuk-label--s" for="token">Token</label>
    <textarea class="govuk-textarea" id="token" rows="3" readonly
      spellcheck="false">{{ issued.token }}</textarea>
    <dl class="govuk-summary-list">
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">For</dt>
        <dd class="govuk-summary-list__value">{{ purpose }}</dd>
      </div>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Stops working</dt>
        <dd class="govuk-summary-list__value">{{ expires_on|long_date }}</dd>
      </div>
    </dl>
    <p class="govuk-body">Send it with each request, for example:</p>
    <pre class="govuk-inset-text govuk-body-s"><code>curl \\
  -H "Authorization: Bearer $SUPERVISE_TOKEN" \\
  {{ me_url }}</code></pre>
    <p class="govuk-body">Changing your password stops every token you have made.</p>
  {% else %}
    {% include "web/includes/error_summary.html" %}
    <h1 class="govuk-heading-l">Create an API token</h1>
    <p class="govuk-body">A token lets a script use the Supervise API as you, with exactly
      your access, until it stops working.</p>
    <form method="post" novalidate>{% csrf_token %}
      {% include "web/includes/field.html" with field=form.purpose %}
      {% include "web/includes/field.html" with field=form.days %}
      <button type="submit" class="govuk-button" data-module="govuk-button">Create token</button>
    </form>
  {% endif %}
  </div>
</div>
{% endblock %}
"""


@requires()
def token_new(request: HttpRequest) -> HttpResponse:
    issued = None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        issued = services.token_issue(
            actor=request.user,
            days=form.cleaned_data["days"],
            purpose=form.cleaned_data["purpose"],
            address=client_address(request),
        )
    context = {
        "form": form,
        "issued": issued,
        "purpose": form.cleaned_data.get("purpose") if issued else "",
        "expires_on": timezone.localtime(issued.expires_at).date() if issued else None,
        "docs_url": reverse("api:v1:openapi-view"),
        "me_url": request.build_absolute_uri(reverse("api:v1:me")),
    }
    response = HttpResponse(engines["django"].from_string(PAGE).render(context, request))
    add_never_cache_headers(response)
    return response
