"""Single sign-on settings from the environment (docs/security.md, "Single sign-on").

Off unless SUPERVISE_OIDC_ISSUER is set; then SUPERVISE_OIDC_CLIENT_ID,
SUPERVISE_OIDC_CLIENT_SECRET and SUPERVISE_OIDC_ORGANISATION (the slug of the organisation whose
accounts it signs in) are required. Optional: SUPERVISE_OIDC_SCOPES ["openid email profile"],
SUPERVISE_OIDC_EMAIL_CLAIM ["email"], SUPERVISE_OIDC_BUTTON_LABEL, SUPERVISE_OIDC_REDIRECT_URI
(when the address seen by the server differs from the public one), SUPERVISE_OIDC_CREATE_USERS
[false], SUPERVISE_OIDC_TRUST_MFA [true].
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

REQUIRED = ("CLIENT_ID", "CLIENT_SECRET", "ORGANISATION")
TRUE = {"1", "true", "yes", "on"}


def _flag(value: str | None, default: bool) -> bool:
    return default if value is None or value == "" else value.strip().lower() in TRUE


def oidc_from_environment(environ: Mapping[str, str] | None = None) -> dict[str, Any] | None:
    env = os.environ if environ is None else environ
    issuer = env.get("SUPERVISE_OIDC_ISSUER", "").strip()
    if not issuer:
        return None
    missing = [
        f"SUPERVISE_OIDC_{name}" for name in REQUIRED if not env.get(f"SUPERVISE_OIDC_{name}")
    ]
    if missing:
        raise ValueError(f"SUPERVISE_OIDC_ISSUER is set but {', '.join(missing)} is not")
    config: dict[str, Any] = {
        "issuer": issuer,
        "client_id": env["SUPERVISE_OIDC_CLIENT_ID"],
        "client_secret": env["SUPERVISE_OIDC_CLIENT_SECRET"],
        "organisation": env["SUPERVISE_OIDC_ORGANISATION"],
        "create_users": _flag(env.get("SUPERVISE_OIDC_CREATE_USERS"), False),
        "trust_provider_mfa": _flag(env.get("SUPERVISE_OIDC_TRUST_MFA"), True),
    }
    optional = {"scopes": "SCOPES", "email_claim": "EMAIL_CLAIM",
                "button_label": "BUTTON_LABEL", "redirect_uri": "REDIRECT_URI"}  # fmt: skip
    for key, name in optional.items():
        if env.get(f"SUPERVISE_OIDC_{name}"):
            config[key] = env[f"SUPERVISE_OIDC_{name}"]
    return config
