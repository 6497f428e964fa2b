"""People and access: an organisation's administrators create accounts, set roles, disable and
enable accounts, reset two-factor authentication and issue set-up links. Plus the public page
where a person uses their set-up link to choose a password.

Every account page is for administrators of the account's own organisation (`get_visible`
filters by organisation: another organisation's ids are 404 and the refusal is audited).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.views.decorators.http import require_http_methods, require_POST

from supervise.accounts import selectors, two_factor
from supervise.accounts.administration import (
    SetUpLink,
    account_create,
    account_roles_set,
    account_set_up_complete,
    account_set_up_link_email,
    account_set_up_link_issue,
    set_up_tokens,
)
from supervise.accounts.forms import (
    AccountForm,
    PeopleSearchForm,
    RolesForm,
    SetUpPasswordForm,
)
from supervise.accounts.models import Role, User
from supervise.accounts.services import two_factor_reset, user_disable, user_enable
from supervise.people.models import StaffMember
from supervise.web.permissions import public, requires, viewer_of
from supervise.web.search import posted_search
from supervise.web.shortcuts import client_address, get_visible

PER_PAGE = 50


def _account(request: HttpRequest, pk: int, *, audit_as: str | None = None) -> User:
    users = User.objects.select_related("staff_member", "staff_member__team")
    return get_visible(request, users, pk, allowed=lambda user: True, audit_as=audit_as)


def _link_page(request: HttpRequest, user: User, link: SetUpLink, *, new: bool) -> HttpResponse:
    url = request.build_absolute_uri(link.path)
    emailed = account_set_up_link_email(
        actor=request.user, user=user, url=url, address=client_address(request)
    )
    response = render(
        request,
        "accounts/set_up_link.html",
        {
            "account": user,
            "link": url,
            "new": new,
            "link_days": settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60),
            "emailed": emailed,
            "email_tried": bool(settings.SUPERVISE_EMAIL_SET_UP_LINKS and user.email),
        },
    )
    response["Cache-Control"] = "no-store"  # the link lets someone choose this account's password
    return response


# The words searched are kept in the (server-side) session, never in the address: a person's
# name in a URL ends up in access logs, proxies and the sign-in page's "next" (security review;
# the children's search does the same, cases.views). Which accounts to show may stay in it.
PEOPLE_SEARCH_KEY = "people_search"


@requires(Role.ADMINISTRATOR)
def people(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else request.GET
    show = data.get("show", selectors.SHOW_ACCOUNTS)
    if show not in dict(selectors.SHOWS):
        show = selectors.SHOW_ACCOUNTS
    here = f"{reverse('account:admin-people')}?show={show}"
    search = posted_search(
        request, form_class=PeopleSearchForm, session_key=PEOPLE_SEARCH_KEY, here=here
    )
    if search.response is not None:
        return search.response
    form, query = search.form, str(search.saved.get("q") or "")
    organisation_id = viewer_of(request).organisation_id or 0
    if show == selectors.SHOW_WITHOUT_ACCOUNT:
        found: Any = selectors.staff_without_account(organisation_id, query=query)
    else:
        found = selectors.accounts(organisation_id, show=show, query=query)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    rows = page.object_list if show == selectors.SHOW_WITHOUT_ACCOUNT else None
    return render(
        request,
        "accounts/people.html",
        {
            "form": form,
            "page": page,
            "staff_rows": rows,
            "account_rows": None if rows is not None else selectors.account_rows(page),
            "show": show,
            "shows": selectors.SHOWS,
            "query": query,
        },
    )


def _new_account(request: HttpRequest, staff: StaffMember | None) -> HttpResponse:
    initial: dict[str, Any] = {}
    if staff is not None:
        first, _, last = staff.name.rpartition(" ")
        initial = {
            "first_name": first or staff.name,
            "last_name": last if first else "",
            "email": staff.email,
            "username": (staff.email.split("@")[0] if staff.email else "").lower(),
        }
    form = AccountForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        # Someone not in the HR export supervises nobody and is supervised by nobody: without
        # a role they would see nothing at all.
        needs_role=staff is None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, link = account_create(
                actor=request.user,
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                roles=set(data["roles"]),
                staff_member=staff,
                address=client_address(request),
            )
        except ValidationError as error:
            # A race with another administrator (the username), or roles that may not be held
            # together (on the roles field: the error names it).
            form.add_error(None, error if hasattr(error, "error_dict") else error.messages[0])
        else:
            return _link_page(request, user, link, new=True)
    return render(request, "accounts/new.html", {"form": form, "staff": staff})


@requires(Role.ADMINISTRATOR)
def account_new(request: HttpRequest) -> HttpResponse:
    """An account for someone who is not in the HR export: an inspector, a consultant."""
    return _new_account(request, None)


@requires(Role.ADMINISTRATOR)
def account_new_for_staff(request: HttpRequest, pk: int) -> HttpResponse:
    staff = get_visible(request, StaffMember.objects.select_related("team"), pk, allowed=_any)
    if staff.user_id is not None:
        messages.info(request, f"{staff.name} already has an account.")
        return redirect("account:admin-account", pk=staff.user_id)
    return _new_account(request, staff)


def _any(_: object) -> bool:
    return True


def _about_them(reason: str) -> str:
    for verb in ("have", "are", "supervise", "administer"):
        reason = reason.replace(f"you {verb}", f"they {verb}")
    return reason


@requires(Role.ADMINISTRATOR)
def account(request: HttpRequest, pk: int) -> HttpResponse:
    # A read of someone's account details (email, sign-ins, roles) is audited like a record's.
    user = _account(request, pk, audit_as="account.viewed" if request.method == "GET" else None)
    held = sorted(user.role_grants.values_list("role", flat=True))
    # Not `request.POST or None`: an empty POST (every box unticked) is a real answer.
    form = RolesForm(request.POST if request.method == "POST" else None, initial={"roles": held})
    if request.method == "POST" and form.is_valid():
        try:
            account_roles_set(
                actor=request.user,
                user=user,
                roles=set(form.cleaned_data["roles"]),
                address=client_address(request),
            )
        except ValidationError as error:
            # Show the roles as they still are, not the refused choice, with the reason.
            form = RolesForm({"roles": held})
            form.is_valid()
            form.add_error("roles", error.messages[0])
        else:
            messages.success(request, f"Roles saved for {user}.")
            return redirect("account:admin-account", pk=user.pk)
    device = two_factor.device_of(user)
    return render(
        request,
        "accounts/account.html",
        {
            "account": user,
            "staff": getattr(user, "staff_member", None),
            "form": form,
            "two_factor_on": device is not None and device.confirmed,
            # The reason is worded for the person ("you supervise…"); here it is about them.
            "two_factor_reason": _about_them(two_factor.required_reason(user)),
            "is_self": user.pk == request.user.pk,
        },
    )


@requires(Role.ADMINISTRATOR)
@require_POST
def account_disable(request: HttpRequest, pk: int) -> HttpResponse:
    user = _account(request, pk)
    if user.pk == request.user.pk:
        messages.error(request, "You cannot disable your own account.")
    else:
        ended = user_disable(actor=request.user, user=user)
        messages.success(
            request,
            f"{user}’s account is disabled. {ended} signed-in session{'s' if ended != 1 else ''} "
            "ended.",
        )
    return redirect("account:admin-account", pk=user.pk)


@requires(Role.ADMINISTRATOR)
@require_POST
def account_enable(request: HttpRequest, pk: int) -> HttpResponse:
    user = _account(request, pk)
    user_enable(actor=request.user, user=user)
    messages.success(request, f"{user}’s account is enabled. They can sign in again.")
    return redirect("account:admin-account", pk=user.pk)


@requires(Role.ADMINISTRATOR)
@require_POST
def account_two_factor_reset(request: HttpRequest, pk: int) -> HttpResponse:
    user = _account(request, pk)
    two_factor_reset(actor=request.user, user=user)
    messages.success(
        request,
        f"{user}’s authenticator app is removed. They will set up a new one when they next "
        "sign in.",
    )
    return redirect("account:admin-account", pk=user.pk)


@requires(Role.ADMINISTRATOR)
@require_POST
def account_set_up_link(request: HttpRequest, pk: int) -> HttpResponse:
    user = _account(request, pk)
    try:
        link = account_set_up_link_issue(
            actor=request.user, user=user, address=client_address(request)
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("account:admin-account", pk=user.pk)
    return _link_page(request, user, link, new=False)


def _user_for_link(uid: str, token: str) -> User | None:
    try:
        pk = int(force_str(urlsafe_base64_decode(uid)))
    except (TypeError, ValueError, OverflowError):
        return None
    user = User.objects.filter(pk=pk, is_active=True, organisation__isnull=False).first()
    if user is None or not set_up_tokens.check_token(user, token):
        return None
    return user


@public
@require_http_methods(["GET", "HEAD", "POST"])
def set_up_password(request: HttpRequest, uid: str, token: str) -> HttpResponse:
    """The person's own page: choose a password with the link an administrator gave them.
    The link is the only right needed; a used, expired or altered link says so."""
    user = _user_for_link(uid, token)
    if user is None:
        response = render(request, "accounts/set_up_invalid.html", status=404)
    else:
        form = SetUpPasswordForm(request.POST if request.method == "POST" else None, user=user)
        if request.method == "POST" and form.is_valid():
            account_set_up_complete(
                user=user,
                password=form.cleaned_data["new_password"],
                address=client_address(request),
            )
            messages.success(request, "Your password is set. Sign in with it now.")
            return redirect("web:sign-in")
        response = render(request, "accounts/set_up_password.html", {"form": form, "account": user})
    response["Cache-Control"] = "no-store"
    return response
