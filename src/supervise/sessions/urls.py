from django.urls import path

from supervise.sessions.views import record, team

app_name = "sessions"
urlpatterns = [
    # The supervisor's side (sessions/views/team.py)
    path("team/", team.my_team, name="team"),
    path("team/<int:staff_id>/", team.supervisee, name="supervisee"),
    path("sessions/new/<int:staff_id>/", team.schedule, name="schedule"),
    path("sessions/<int:pk>/cancel/", team.cancel, name="cancel"),
    path("sessions/<int:pk>/held/", team.hold, name="hold"),
    path("group/new/", team.group_new, name="group-new"),
    path("group/<int:pk>/", team.group_detail, name="group-detail"),
    path("group/<int:pk>/finalise/", team.group_finalise, name="group-finalise"),
    # The record and the supervisee's side (sessions/views/record.py)
    path("me/", record.my_supervision, name="mine"),
    path("sessions/<int:pk>/", record.session_detail, name="detail"),
    path("sessions/<int:pk>/agenda/", record.agenda_add, name="agenda-add"),
    path("sessions/<int:pk>/record/", record.record_edit, name="record"),
    path(
        "sessions/<int:pk>/discussions/<int:child_id>/",
        record.discussion_edit,
        name="discussion",
    ),
    path("sessions/<int:pk>/actions/new/", record.action_new, name="action-new"),
    path("actions/<int:pk>/status/", record.action_status, name="action-status"),
    path("sessions/<int:pk>/send/", record.send, name="send"),
    path("sessions/<int:pk>/sign/", record.sign, name="sign"),
    path("sessions/<int:pk>/decline/", record.decline, name="decline"),
    path("sessions/<int:pk>/reopen/", record.reopen, name="reopen"),
    path("sessions/<int:pk>/finalise/", record.finalise, name="finalise"),
    path("sessions/<int:pk>/addendum/", record.addendum, name="addendum"),
    path("sessions/<int:pk>/typist/", record.typist, name="typist"),
    path("typing/", record.typing, name="typing"),
]
