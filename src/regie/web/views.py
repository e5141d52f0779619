from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from regie.accounts.access import public
from regie.accounts.models import Kind, User
from regie.core.problems import problem_response


@public
def landing(request: HttpRequest) -> HttpResponse:
    user = request.user
    if isinstance(user, User) and user.is_authenticated:
        if user.kind == Kind.RESIDENT:
            return redirect("portal:home")
        if user.kind == Kind.STAFF:
            return redirect("accounts:home")
    return render(request, "web/landing.html")


@public
def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return problem_response(request, 400, "The request could not be understood.")
    return render(request, "web/error.html", {"regie_error_page": True, "status": 400}, status=400)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return problem_response(request, 403, "This request is not allowed.")
    return render(request, "web/error.html", {"regie_error_page": True, "status": 403}, status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return problem_response(request, 404, "Not found.")
    return render(request, "web/error.html", {"regie_error_page": True, "status": 404}, status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return problem_response(request, 500, "Something went wrong on our side.")
    return render(request, "web/error.html", {"regie_error_page": True, "status": 500}, status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(
        request,
        "web/error.html",
        {"regie_error_page": True, "status": 403, "csrf": True},
        status=403,
    )
