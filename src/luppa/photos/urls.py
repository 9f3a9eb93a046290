from django.urls import path

from . import views_drafts, views_mine, views_sent, views_upload

app_name = "photos"

urlpatterns = [
    # New photo: upload, check (guided steps or advanced summary), contact, submit.
    path("new/", views_upload.new_photo, name="new"),
    path("drafts/", views_drafts.drafts, name="drafts"),
    path("draft/<int:pk>/discard/", views_drafts.discard, name="discard"),
    path("draft/<int:pk>/", views_upload.review, name="review"),
    path("draft/<int:pk>/step/<int:step>/", views_upload.guided_step, name="step"),
    path("draft/<int:pk>/framed/", views_upload.framed, name="framed"),
    path("draft/<int:pk>/replace/", views_upload.replace, name="replace"),
    path("draft/<int:pk>/submit/", views_upload.contact_and_submit, name="submit"),
    path("<int:pk>/image.jpg", views_upload.image, name="image"),
    path("receipt/<str:photo_id>/", views_upload.receipt, name="receipt"),
    path("receipt/<str:photo_id>/receipt.pdf", views_upload.receipt_pdf, name="receipt_pdf"),
    # Sent photos: list with tabs and search, one photo's details and feedback.
    path("sent/", views_sent.sent_photos, name="sent"),
    path("sent/<str:photo_id>/", views_sent.sent_detail, name="sent_detail"),
    path("sent/<str:photo_id>/again/", views_sent.send_again, name="send_again"),
    # My photos: a citizen's own photos, by the HETU they signed in with.
    path("mine/", views_mine.my_photos, name="mine"),
    path("mine/<str:photo_id>/resend/", views_mine.resend, name="mine_resend"),
    path("mine/dependants/", views_mine.dependants_start, name="mine_dependants"),
    path("mine/dependants/back/", views_mine.dependants_back, name="mine_dependants_back"),
]
