"""factory_boy factories for database tests. Names are obviously fictional."""

from __future__ import annotations

from datetime import date, timedelta

import factory

from supervise.accounts.models import RoleGrant, User
from supervise.cases.models import Allocation, Child, ChildStatus
from supervise.organisations.models import Organisation, Team
from supervise.people.models import Absence, StaffMember, SupervisionLine
from supervise.sessions.models import Session
from supervise.sessions.states import RecordStatus, SessionStatus

PASSWORD = "correct horse battery staple"  # noqa: S105 - test accounts only


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"org-{n}")
    name = factory.LazyAttribute(lambda o: f"Authority {o.slug}")
    policy = "hull"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        for role in extracted or ():
            RoleGrant.objects.create(user=self, role=role)
        if create:
            self.save()


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffMember

    organisation = factory.SubFactory(OrganisationFactory)
    external_id = factory.Sequence(lambda n: f"ST{n}")
    name = factory.Sequence(lambda n: f"Worker Number{n}")
    role = "social_worker"
    started_on = date(2020, 1, 6)
    qualified_on = date(2019, 7, 1)
    user = factory.SubFactory(UserFactory, organisation=factory.SelfAttribute("..organisation"))


class LineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupervisionLine

    organisation = factory.SelfAttribute("supervisee.organisation")
    supervisee = factory.SubFactory(StaffFactory)
    supervisor = factory.SubFactory(
        StaffFactory,
        organisation=factory.SelfAttribute("..supervisee.organisation"),
        role="team_manager",
    )
    starts_on = date(2020, 1, 6)


class AbsenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Absence

    staff = factory.SubFactory(StaffFactory)
    organisation = factory.SelfAttribute("staff.organisation")
    starts_on = date(2026, 1, 5)
    reason = "sickness"


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    organisation = factory.SubFactory(OrganisationFactory)
    external_id = factory.Sequence(lambda n: f"CH{n}")
    name = factory.Sequence(lambda n: f"Child Pseudonym{n}")
    opened_on = date(2025, 1, 1)


class AllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allocation

    child = factory.SubFactory(ChildFactory)
    organisation = factory.SelfAttribute("child.organisation")
    staff = factory.SubFactory(StaffFactory, organisation=factory.SelfAttribute("..organisation"))
    starts_on = date(2025, 1, 1)


class ChildStatusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildStatus

    child = factory.SubFactory(ChildFactory)
    organisation = factory.SelfAttribute("child.organisation")
    status = "child_in_need"
    starts_on = date(2025, 1, 1)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    organisation = factory.SelfAttribute("supervisor.organisation")
    external_id = factory.Sequence(lambda n: f"SE{n}")
    kind = Session.Kind.FORMAL
    status = SessionStatus.PLANNED
    supervisor = factory.SubFactory(StaffFactory, role="team_manager")
    supervisee = factory.SubFactory(
        StaffFactory, organisation=factory.SelfAttribute("..supervisor.organisation")
    )
    scheduled_on = date(2026, 11, 2)
    record_status = RecordStatus.NOT_STARTED


def free_day(supervisee: StaffMember, day: date) -> date:
    """`day`, or the nearest working day before it, with no session of this supervisee on it
    (one a day: `session_schedule` refuses a second booking on a day already taken)."""
    from supervise.policy.dates import working_calendar

    calendar = working_calendar()
    taken = {
        held or planned
        for planned, held in Session.objects.filter(
            supervisee=supervisee, kind=Session.Kind.FORMAL
        ).values_list("scheduled_on", "held_on")
    }
    while day in taken or not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day
