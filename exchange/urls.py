"""Import and export routes, under /exchange/ in the "exchange" namespace."""

from django.urls import path

from . import views

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
