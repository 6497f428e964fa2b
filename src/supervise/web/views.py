"""Signing in and out, the home page that sends each role where it works, and error pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from supervise.accounts.models import Role
from supervise.web.permissions import public, requires, viewer_of

# Where each role starts, most specific first.
HOME_BY_ROLE = (
    (Role.SUPERVISOR, "sessions:team"),
    (Role.SENIOR_MANAGER, "compliance:overview"),
    (Role.QUALITY_ASSURANCE, "compliance:overview"),
    (Role.INSPECTOR, "compliance:overview"),
    (Role.HR, "compliance:overview"),
    (Role.BUSINESS_SUPPORT, "sessions:typing"),
    (Role.PRACTITIONER, "sessions:mine"),
    (Role.ADMINISTRATOR, "imports:list"),
)


@requires()
def home(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    for role, url_name in HOME_BY_ROLE:
        if viewer.has(role):
            return redirect(url_name)
    return render(request, "web/no_role.html")


class SignInView(auth_views.LoginView):
    template_name = "web/sign_in.html"
    redirect_authenticated_user = True


sign_in = public(SignInView.as_view())


@public
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    from django.contrib.auth import logout

    logout(request)
    messages.success(request, "You have signed out.")
    return redirect(reverse("web:sign-in"))


@public
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html")


@public
def health(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/errors/403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/errors/404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "web/errors/500.html", status=500)
