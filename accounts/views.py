"""Sign-in with throttling, sign-up for invited people, and personal API tokens."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_http_methods, require_POST

from accounts import selectors, services
from accounts.forms import SignUpForm, TokenCreateForm
from accounts.models import ApiToken
from plans.access import signed_in_user


def _safe_next(request: HttpRequest, value: str) -> str:
    allowed = url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return value if value and allowed else ""


class SignInView(auth_views.LoginView):
    """Django's sign-in. Failures are counted by accounts.backends (so the admin's sign-in
    counts too); this page refuses early, saying how long to wait, with status 429."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        username = request.POST.get("username", "")
        until = selectors.signin_locked_until(username=username, ip=selectors.client_ip(request))
        if until is None:
            return super().post(request, *args, **kwargs)
        form = self.get_form()
        wait = selectors.wait_in_words(until=until)
        form.errors.clear()
        form.add_error(
            None,
            f"Too many failed attempts to sign in with this user name or from this "
            f"connection. Try again in {wait}, or reset your password.",
        )
        return self.render_to_response(self.get_context_data(form=form), status=429)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        next_url = context.get("next") or ""
        if selectors.signup_allowed(next_url=next_url):
            query = f"?{urlencode({'next': next_url})}" if next_url else ""
            context["signup_url"] = reverse("signup") + query
        return context


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next", ""))
    if not selectors.signup_allowed(next_url=next_url):
        return render(request, "accounts/signup_closed.html", status=403)
    if request.user.is_authenticated:
        return HttpResponseRedirect(next_url or reverse("home"))
    initial = {"email": selectors.signup_invited_email(next_url=next_url)}
    form = SignUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = services.user_signup(
            username=data["username"], email=data["email"], password=data["password1"]
        )
        login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
        messages.success(request, f"Welcome, {user.get_username()}. Your account is ready.")
        return redirect(next_url or "home")
    login_url = reverse("login") + (f"?{urlencode({'next': next_url})}" if next_url else "")
    context = {"form": form, "next": next_url, "login_url": login_url}
    return render(request, "accounts/signup.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = TokenCreateForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        token, raw = services.api_token_create(user=user, name=form.cleaned_data["name"])
        created = {"name": token.name, "raw": raw}
        form = TokenCreateForm()
    context = {"tokens": selectors.api_tokens_for(user=user), "form": form, "created": created}
    response = render(request, "accounts/tokens.html", context)
    response["Cache-Control"] = "no-store"  # the page may show a key once
    return response


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, token: str) -> HttpResponse:
    record = get_object_or_404(ApiToken, uuid=token, user=signed_in_user(request))
    services.api_token_revoke(token=record)
    messages.success(request, f"The token “{record.name}” no longer works.")
    return redirect("api-tokens")
