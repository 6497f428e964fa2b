"""The web pages of a signed-in person's personal API tokens: the list (/api/tokens/), making one
(/api/tokens/new/) and revoking one (a button on the list, POST /api/tokens/<id>/revoke/).

A new token is shown once, in the response to the form: the page is sent with
`Cache-Control: no-store` so that the browser does not keep it either. Only a digest of it is
stored (supervise.api.models.ApiToken).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from supervise.api import services
from supervise.api.auth import DEFAULT_TOKEN_DAYS
from supervise.api.selectors.tokens import own_token, tokens_of
from supervise.web.permissions import READ, requires
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


@requires(methods=READ)
def tokens(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rows = [{"token": token, "state": token.state(now)} for token in tokens_of(request.user)]
    context = {"rows": rows, "docs_url": reverse("api:v1:openapi-view")}
    return render(request, "api/tokens.html", context)


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
        "expires_on": timezone.localtime(issued.expires_at).date() if issued else None,
        "docs_url": reverse("api:v1:openapi-view"),
        "me_url": request.build_absolute_uri(reverse("api:v1:me")),
    }
    response = render(request, "api/token_new.html", context)
    add_never_cache_headers(response)
    return response


@requires(methods=("POST",))
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    """Only one's own tokens: anyone else's id is 404 (audited as `access.refused`)."""
    token = own_token(request, token_id)
    services.token_revoke(actor=request.user, token_id=token.pk, address=client_address(request))
    messages.success(request, f"Token {token.key_id} is revoked: it no longer works")
    return redirect("api:tokens")
