from django.urls import path

from supervise.files.views import access, file, learning, redaction, retention, transfer

app_name = "files"
urlpatterns = [
    # The file itself (files/views/file.py)
    path("mine/", file.mine, name="mine"),
    path("mine/readers/", file.who_read, name="readers"),
    path("<int:staff_id>/", file.file, name="file"),
    path("<int:staff_id>/pdf/", file.pdf, name="pdf"),
    # Adding to it (files/views/learning.py)
    path("<int:staff_id>/learning/new/", learning.learning_new, name="learning-new"),
    path("learning/<int:pk>/sign-off/", learning.cpd_sign_off_view, name="cpd-sign-off"),
    path("<int:staff_id>/appraisals/new/", learning.appraisal_new, name="appraisal-new"),
    path("<int:staff_id>/complaints/new/", learning.complaint_new, name="complaint-new"),
    # A change of supervisor (files/views/transfer.py)
    path("<int:staff_id>/transfer/", transfer.transfer, name="transfer"),
    # Third-party access (files/views/access.py)
    path("staff/", access.find_staff, name="find-staff"),
    path("access/", access.access_list, name="access"),
    path("access/new/", access.access_new, name="access-new"),
    path("access/<int:pk>/decide/", access.access_decide, name="access-decide"),
    path("access/<int:pk>/end/", access.access_withdraw, name="access-withdraw"),
    # Removing a section before a third party reads it (files/views/redaction.py)
    path("entries/<int:entry_id>/redaction/", redaction.redaction_new, name="redaction-new"),
    path("redactions/", redaction.redactions, name="redactions"),
    path("redactions/<int:pk>/", redaction.redaction_decide_view, name="redaction-decide"),
    # HR: leavers and retention (files/views/retention.py)
    path("leavers/", retention.leavers, name="leavers"),
    path("<int:staff_id>/archive/", retention.archive, name="archive"),
    path("<int:staff_id>/legal-hold/", retention.hold_place, name="hold-place"),
    path("legal-holds/<int:pk>/lift/", retention.hold_lift, name="hold-lift"),
    path("<int:staff_id>/destroy/", retention.destroy, name="destroy"),
]
