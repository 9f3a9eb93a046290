from django.urls import path

from . import fake_viestit

app_name = "fake_viestit"

urlpatterns = [
    path("v1/token", fake_viestit.token, name="token"),
    path("v1/mailboxes/active", fake_viestit.mailboxes, name="mailboxes"),
    path("v1/attachments", fake_viestit.attachments, name="attachments"),
    path("v1/messages/electronic", fake_viestit.electronic, name="electronic"),
]
