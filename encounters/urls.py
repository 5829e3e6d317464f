from django.urls import path

from . import views

app_name = "encounters"

urlpatterns = [
    path("", views.encounter_list, name="list"),
    path("log/", views.log, name="log"),
    path("picker/", views.picker, name="picker"),
    path("picker/chip/", views.picker_chip, name="picker_chip"),
    path("<int:encounter_id>/", views.edit, name="edit"),
    path("<int:encounter_id>/delete/", views.delete, name="delete"),
    path("<int:encounter_id>/undo/", views.undo, name="undo"),
]
