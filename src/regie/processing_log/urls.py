from django.urls import path

from regie.processing_log import views

app_name = "processing_log"

urlpatterns = [
    path("inwoner/verwerkingen/", views.my_processing, name="mine"),
    path("privacy/logboek/", views.search, name="search"),
]
