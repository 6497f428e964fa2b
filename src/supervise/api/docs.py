"""The API's human page: a server-rendered list of operations, read from the OpenAPI document.

ninja's Swagger UI would load its scripts from a CDN unless `ninja` is an installed app; this
page needs no script at all and uses the site's own layout.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from ninja.openapi.docs import DocsBase

if TYPE_CHECKING:
    from ninja import NinjaAPI

METHOD_ORDER = ("get", "post", "put", "patch", "delete")

PAGE = """{% extends "web/base.html" %}
{% block page_title %}API reference{% endblock %}
{% block content %}
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <span class="govuk-caption-l">Version {{ version }}</span>
    <h1 class="govuk-heading-l">Supervise API</h1>
    <p class="govuk-body">The API gives the same records to the same people as the web pages.
      Records you may not see are reported as not found.</p>
    <h2 class="govuk-heading-m">Signing in</h2>
    <ul class="govuk-list govuk-list--bullet">
      <li>From a script: send a personal token as
        <code>Authorization: Bearer &lt;token&gt;</code>.
        <a class="govuk-link" href="{{ token_url }}">Create a token</a> while signed in
        (or <code>POST {{ prefix }}tokens</code> from the signed-in browser); see and revoke
        yours in <a class="govuk-link" href="{{ tokens_url }}">your API tokens</a>.</li>
      <li>From the browser: your signed-in session; requests that change something also send
        the <code>X-CSRFToken</code> header.</li>
    </ul>
    <p class="govuk-body">Machine-readable description:
      <a class="govuk-link" href="{{ openapi_url }}">OpenAPI document (JSON)</a>.</p>
  </div>
</div>
{% for tag in tags %}
<h2 class="govuk-heading-m">{{ tag.name }}</h2>
<table class="govuk-table app-table--stack">
  <caption class="govuk-table__caption govuk-visually-hidden">{{ tag.name }} operations</caption>
  <thead class="govuk-table__head">
    <tr class="govuk-table__row">
      <th scope="col" class="govuk-table__header">Method</th>
      <th scope="col" class="govuk-table__header">Path</th>
      <th scope="col" class="govuk-table__header">What it does</th>
    </tr>
  </thead>
  <tbody class="govuk-table__body">
    {% for op in tag.operations %}
    <tr class="govuk-table__row">
      <td class="govuk-table__cell" data-label="Method">
        <strong class="govuk-tag govuk-tag--{{ op.colour }}">{{ op.method }}</strong>
      </td>
      <td class="govuk-table__cell" data-label="Path">
        <code class="app-break-anywhere">{{ op.path }}</code></td>
      <td class="govuk-table__cell" data-label="What it does">{{ op.summary }}
        {% if op.description_html %}<p class="govuk-body-s govuk-!-margin-bottom-0">
          {{ op.description_html }}</p>{% endif %}
      </td>
    </tr>
    {% endfor %}
  </tbody>
</table>
{% endfor %}
{% endblock %}
"""


def _with_code(text: str) -> str:
    """Descriptions mark names with `backticks`: shown as code, everything else escaped."""
    words = escape(" ".join(text.split()))
    return mark_safe(re.sub(r"`([^`]+)`", r"<code>\1</code>", words))  # noqa: S308  # nosec B308 B703


def operations_by_tag(schema: dict[str, Any]) -> list[dict[str, Any]]:
    tags: dict[str, list[dict[str, Any]]] = {}
    for path, methods in schema.get("paths", {}).items():
        for method in METHOD_ORDER:
            operation = methods.get(method)
            if operation is None:
                continue
            tag = (operation.get("tags") or ["Other"])[0]
            tags.setdefault(tag, []).append(
                {
                    "method": method.upper(),
                    "colour": "blue" if method == "get" else "purple",
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description_html": _with_code(operation.get("description", "")),
                }
            )
    return [{"name": name, "operations": ops} for name, ops in tags.items()]


class ReferencePage(DocsBase):
    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        prefix = api.get_root_path(kwargs)
        schema = api.get_openapi_schema(path_params=kwargs)
        template = engines["django"].from_string(PAGE)
        context = {
            "version": api.version,
            "prefix": prefix,
            "openapi_url": reverse(f"{api.urls_namespace}:openapi-json", kwargs=kwargs),
            "tags": operations_by_tag(schema),
            "token_url": reverse("api:token-new"),
            "tokens_url": reverse("api:tokens"),
        }
        return HttpResponse(template.render(context, request))
