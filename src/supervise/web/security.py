"""Security middleware (docs/security.md):

- `ClientAddressMiddleware`: the client's address behind the installation's own reverse proxies
  (SUPERVISE_TRUSTED_PROXY_COUNT), so that throttling and the audit trail see the person, not
  the proxy.
- `SecurityHeadersMiddleware`: Content-Security-Policy and the other protective headers on every
  response, and `Cache-Control: no-store` so that no browser or proxy keeps a copy of a page
  that may show someone's supervision record (HSTS comes from Django's SecurityMiddleware, on
  HTTPS, with the production settings).
- `SessionSecurityMiddleware`: a signed-in session must have come through the sign-in steps
  (both factors; supervise.accounts.signin), must belong to an active account, and ends after
  SUPERVISE_SESSION_IDLE_MINUTES [30] without use or SUPERVISE_SESSION_ABSOLUTE_HOURS [12] after
  signing in, whichever comes first.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from supervise.accounts import signin
from supervise.accounts.signals import QUIET
from supervise.audit.services import audit_record
from supervise.web.shortcuts import audit_refusal

GetResponse = Callable[[HttpRequest], HttpResponse]

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)
# The Django admin (installation superusers only) writes a few inline styles.
ADMIN_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=()"
TOUCH_SECONDS = 60  # write "last seen" at most once a minute, not on every request


class ClientAddressMiddleware:
    """With N trusted proxies in front, the client is the Nth address from the right of
    X-Forwarded-For (addresses further left were written by the client and prove nothing)."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response
        self.proxies = int(getattr(settings, "SUPERVISE_TRUSTED_PROXY_COUNT", 0))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if self.proxies and forwarded:
            hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
            if hops:
                request.META["REMOTE_ADDR"] = hops[-min(self.proxies, len(hops))]
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """First in MIDDLEWARE, so that it also marks responses made by the other middleware."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response
        self.policy = getattr(
            settings, "SUPERVISE_CONTENT_SECURITY_POLICY", CONTENT_SECURITY_POLICY
        )
        self.admin_policy = getattr(
            settings, "SUPERVISE_ADMIN_CONTENT_SECURITY_POLICY", ADMIN_CONTENT_SECURITY_POLICY
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        admin = request.path.startswith(reverse("admin:index"))
        response.headers["Content-Security-Policy"] = self.admin_policy if admin else self.policy
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if self._no_store(request, response):
            response.headers["Cache-Control"] = "no-store"
            response.headers.pop("Expires", None)
        return response

    @staticmethod
    def _no_store(request: HttpRequest, response: HttpResponse) -> bool:
        """Every response, unless a public one asked to be cached (static files in
        development): anything a signed-in person sees may hold personal data."""
        if "Cache-Control" not in response.headers:
            return True
        user = getattr(request, "user", None)
        return bool(user is not None and user.is_authenticated)


class SessionSecurityMiddleware:
    """After AuthenticationMiddleware and MessageMiddleware."""

    MESSAGES = {
        "idle": "You were signed out because you had not used Supervise for {idle} minutes. "
        "Sign in again to continue.",
        "absolute": "You were signed out because you signed in more than {absolute} hours "
        "ago. Sign in again to continue.",
        "account": "You have been signed out. Sign in again to continue.",
        "incomplete": "Sign in to continue.",
    }

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response
        self.idle = 60 * int(getattr(settings, "SUPERVISE_SESSION_IDLE_MINUTES", 30))
        self.absolute = 3600 * int(getattr(settings, "SUPERVISE_SESSION_ABSOLUTE_HOURS", 12))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == reverse("admin:login"):
            if request.user.is_authenticated:
                # Signed in, yet sent here: the admin is not for them (installation operators
                # only). Sending them to sign in again would loop back here for ever. Raised
                # before any view, so audited here (RefusalAuditMiddleware sees views' only).
                audit_refusal(request)
                raise PermissionDenied("The Django admin is for the installation's operators.")
            # The admin's own form would sign in with a password alone.
            query = urlencode({"next": request.GET.get("next") or reverse("admin:index")})
            return redirect(f"{reverse('web:sign-in')}?{query}")
        reason = self._reason_to_end(request)
        if reason:
            ended = self._end(request, reason)
            if ended is not None:
                return ended
        return self.get_response(request)

    def _reason_to_end(self, request: HttpRequest) -> str:
        session = request.session
        if SESSION_KEY not in session:
            return ""
        if not request.user.is_authenticated:
            return "account"  # disabled, deleted, or its password changed elsewhere
        if not signin.is_complete(request):
            return "incomplete"
        now = timezone.now().timestamp()
        started = session.get(signin.SIGNED_IN)
        if started is None:  # a tests-only force_login session: its clock starts now
            session[signin.SIGNED_IN] = {"at": now, "method": "tests", "second": "tests"}
            session[signin.LAST_SEEN] = now
            return ""
        if now - float(started["at"]) > self.absolute:
            return "absolute"
        last_seen = float(session.get(signin.LAST_SEEN, started["at"]))
        if now - last_seen > self.idle:
            return "idle"
        if now - last_seen >= TOUCH_SECONDS:
            session[signin.LAST_SEEN] = now
        return ""

    def _end(self, request: HttpRequest, reason: str) -> HttpResponse | None:
        user = request.user if request.user.is_authenticated else None
        audit_record(
            action="auth.session_ended",
            actor=user,
            organisation=getattr(user, "organisation", None),
            object_type="accounts.user",
            object_id=str(request.session.get(SESSION_KEY, "")),
            address=signin.client_address(request),
            detail={"reason": reason},
        )
        setattr(request, QUIET, True)  # audited just above, with the reason
        logout(request)
        messages.info(
            request,
            self.MESSAGES[reason].format(idle=self.idle // 60, absolute=self.absolute // 3600),
        )
        if request.path.startswith("/api/"):
            return None  # the API answers 401 to an anonymous request
        sign_in = reverse("web:sign-in")
        if request.method == "GET" and request.path != sign_in:
            return redirect(f"{sign_in}?{urlencode({'next': request.get_full_path()})}")
        return redirect(sign_in)
