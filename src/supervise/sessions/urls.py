from django.urls import path

from supervise.sessions.views import mine, record, record_sign, record_write, team, team_group

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
    path("group/<int:pk>/entries/<int:child_id>/", team_group.group_entry, name="group-entry"),
    # The record and the supervisee's side (sessions/views/record*.py, mine.py)
    path("me/", mine.my_supervision, name="mine"),
    path("sessions/<int:pk>/", record.session_detail, name="detail"),
    path("sessions/<int:pk>/agenda/", record.agenda_add, name="agenda-add"),
    path("sessions/<int:pk>/record/", record_write.record_edit, name="record"),
    path(
        "sessions/<int:pk>/discussions/<int:child_id>/",
        record_write.discussion_edit,
        name="discussion",
    ),
    path("sessions/<int:pk>/actions/new/", record_write.action_new, name="action-new"),
    path("actions/<int:pk>/status/", record_write.action_status, name="action-status"),
    path("sessions/<int:pk>/send/", record_sign.send, name="send"),
    path("sessions/<int:pk>/sign/", record_sign.sign, name="sign"),
    path("sessions/<int:pk>/decline/", record_sign.decline, name="decline"),
    path("sessions/<int:pk>/reopen/", record_sign.reopen, name="reopen"),
    path("sessions/<int:pk>/finalise/", record_sign.finalise, name="finalise"),
    path("sessions/<int:pk>/addendum/", record_sign.addendum, name="addendum"),
    path("sessions/<int:pk>/typist/", record_write.typist, name="typist"),
    path("typing/", mine.typing, name="typing"),
]
