"""Searches that never put the words searched into an address (security review).

A name typed into a search ends up, if it is in a URL, in access logs, proxies and the sign-in
page's `next`. So every search of people or children is posted, its words are kept in the
server-side session, and the results are shown at a plain address (then paged). This is that
pattern, once, for the children list, *whose file* and *People and access*."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


@dataclass
class PostedSearch:
    """`response` when the view should answer with it at once (after a post, a redirect to
    the plain address; after "clear", the same); else the form to show and the words saved."""

    form: forms.Form | None
    saved: dict[str, Any] = field(default_factory=dict)
    response: HttpResponse | None = None


def posted_search(
    request: HttpRequest, *, form_class: type[forms.Form], session_key: str, here: str
) -> PostedSearch:
    if request.method == "POST":
        form = form_class(request.POST)
        if not form.is_valid():  # shown with its errors; nothing searched
            return PostedSearch(form=form)
        request.session[session_key] = {
            name: value.strip() if isinstance(value, str) else value
            for name, value in form.cleaned_data.items()
        }
        return PostedSearch(form=None, response=redirect(here))
    if "clear" in request.GET:
        request.session.pop(session_key, None)
        return PostedSearch(form=None, response=redirect(here))
    saved = request.session.get(session_key)
    saved = saved if isinstance(saved, dict) else {}
    return PostedSearch(form=form_class(initial=saved), saved=saved)
