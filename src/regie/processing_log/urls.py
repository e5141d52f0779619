from django.urls import path

from regie.processing_log import views

app_name = "processing_log"

urlpatterns = [
    path("privacy/logboek/", views.search, name="search"),
]
