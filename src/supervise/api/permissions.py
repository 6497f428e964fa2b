"""Every API operation declares who may call it, as every web view does
(`supervise.web.permissions`): the roles that open it, or any member of the organisation, and in
words the rule per record the operation then applies through `supervise.accounts.access` (404
for a record outside it).

    @router.post("/sessions", ...)
    @declare(Role.SUPERVISOR, rule="the supervisee's current supervisor")
    def session_create(request, payload): ...

The declaration is enforced, read and published:
- `enforce_declared` (added to the whole API in `supervise.api.api`) refuses with 403 a caller
  who holds none of the declared roles, and refuses every call of an operation that declares
  nothing (fail closed);
- `undeclared` lists the operations without a declaration (the static test in
  tests/access/test_permission_matrix.py fails on any);
- `supervise.api.urls` stamps each operation's URL with it, and the OpenAPI document carries it
  as `x-supervise-permission` and `x-supervise-rule`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router

from supervise.web.permissions import ANY_MEMBER, PUBLIC, viewer_of

F = TypeVar("F", bound=Callable[..., Any])
UNDECLARED = "This operation declares no permission, so nobody may call it."
OTHER_ROLES = "This operation is for other roles."


def declare(*roles: str, rule: str, refusal: str = OTHER_ROLES) -> Callable[[F], F]:
    """Declare who may call the operation: one of `roles` (none: any member of the caller's
    organisation; `PUBLIC`: anyone), and `rule`, in words, for the records it touches; `refusal`
    is the 403's words for someone without the roles. Put it directly under
    `@router.get(...)`/`@router.post(...)`. It does not wrap the function (ninja reads its
    signature); `enforce_declared` enforces the roles."""
    if not rule.strip():
        raise ValueError("Say, in words, whose records the operation reaches")

    def mark(view: F) -> F:
        view.supervise_permission = tuple(roles) or (ANY_MEMBER,)  # type: ignore[attr-defined]
        view.supervise_rule = rule  # type: ignore[attr-defined]
        view.supervise_refusal = refusal  # type: ignore[attr-defined]
        return view

    return mark


def enforce_declared(view: F) -> F:
    """The role part of the declaration, checked after authentication and validation: 403
    without one of the declared roles; every call of an undeclared operation is refused."""
    declared: tuple[str, ...] | None = getattr(view, "supervise_permission", None)
    refusal: str = getattr(view, "supervise_refusal", OTHER_ROLES)

    @wraps(view)
    def run(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not declared:
            raise PermissionDenied(UNDECLARED)
        open_to_all = PUBLIC in declared or ANY_MEMBER in declared
        if not open_to_all and not viewer_of(request).has(*declared):
            raise PermissionDenied(refusal)
        return view(request, *args, **kwargs)

    return run  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class DeclaredOperation:
    name: str  # the view's name: the OpenAPI operationId and the URL name
    methods: tuple[str, ...]
    path: str
    permission: tuple[str, ...] | None
    rule: str | None

    @property
    def key(self) -> str:
        return f"{'/'.join(self.methods)} {self.path} ({self.name})"


def declared_operations(routers: Iterable[Router]) -> Iterator[DeclaredOperation]:
    """Every operation of `routers` (templates, as the modules define them) with what it
    declares."""
    for router in routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                view = operation.view_func
                yield DeclaredOperation(
                    name=view.__name__,
                    methods=tuple(operation.methods),
                    path=path,
                    permission=getattr(view, "supervise_permission", None) or None,
                    rule=getattr(view, "supervise_rule", None),
                )


def undeclared(routers: Iterable[Router]) -> list[str]:
    """The operations of `routers` that declare no permission or no rule."""
    return [
        operation.key
        for operation in declared_operations(routers)
        if not operation.permission or not (operation.rule or "").strip()
    ]
