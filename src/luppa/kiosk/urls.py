from django.urls import path

from . import views, views_officer

app_name = "kiosk"

urlpatterns = [
    path("", views.home, name="home"),
    path("language/", views.language, name="language"),
    path("document/", views.document, name="document"),
    path("photo/", views.photo, name="photo"),
    path("photo/frame", views.photo_frame, name="photo_frame"),
    path("photo/candidate.jpg", views.candidate, name="candidate"),
    path("fingerprints/", views.fingerprints, name="fingerprints"),
    path("signature/", views.sign, name="signature"),
    path("payment/", views.payment, name="payment"),
    path("done/", views.done, name="done"),
    path("counter/", views.counter, name="counter"),
    path("help/", views.help_call, name="help"),
    path("set-language/", views.change_language, name="set_language"),
    path("back/", views.back, name="back"),
    path("end/", views.finish, name="end"),
    path("simulator/", views.simulator_panel, name="simulator"),
    # The addresses keep "staff/": counters bookmark them; only the names say "officer".
    path("staff/", views_officer.calls, name="officer_calls"),
    path("staff/calls/<int:pk>/answer", views_officer.answer, name="officer_answer"),
    path("staff/cases/<str:code>/", views_officer.case, name="officer_case"),
]
