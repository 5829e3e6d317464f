"""Import and export routes, under /exchange/ in the "exchange" namespace."""

from django.urls import path

from . import key_views, views
from .carddav import views as dav

app_name = "exchange"

urlpatterns = [
    path("", views.exchange_page, name="home"),
    path("import/", views.upload, name="upload"),
    path("import/<int:job_id>/", views.job_page, name="job"),
    path("import/<int:job_id>/progress/", views.job_progress, name="progress"),
    path("import/<int:job_id>/confirm/", views.confirm, name="confirm"),
    path("import/<int:job_id>/cancel/", views.cancel, name="cancel"),
    path("export/contacts.vcf", views.export_vcard, name="export_vcard"),
    path("export/contacts.csv", views.export_contacts_csv, name="export_csv"),
    path("export/backup.json", views.export_backup_file, name="export_backup"),
]

# The CardDAV address book, under /dav/ in the "dav" namespace (crm/urls.py mounts it, and
# /.well-known/carddav in front of it).
dav_urlpatterns = [
    path("", dav.root, name="root"),
    path("principals/<str:username>/", dav.principal, name="principal"),
    path("addressbooks/<str:username>/", dav.home, name="home"),
    path("addressbooks/<str:username>/contacts/", dav.address_book, name="book"),
    path("addressbooks/<str:username>/contacts/<str:name>", dav.card, name="card"),
]

# App passwords and API tokens, under /settings/keys/ in the "keys" namespace.
keys_urlpatterns = [
    path("", key_views.keys_page, name="home"),
    path("<int:key_id>/revoke/", key_views.revoke, name="revoke"),
]
