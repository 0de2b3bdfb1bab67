from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm


def _uswds(form: forms.BaseForm) -> None:
    """USWDS classes on every input, so pages look alike without a form library."""
    for field in form.fields.values():
        field.widget.attrs.setdefault("class", "usa-input")


class SignUpForm(UserCreationForm):  # type: ignore[type-arg]
    email = forms.EmailField(
        label="E-mail address",
        help_text="Where we send password resets. Use the address your invitation came to.",
    )

    class Meta(UserCreationForm.Meta):  # type: ignore[name-defined,misc]
        model = get_user_model()
        fields = ("username", "email")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _uswds(self)
        self.fields["username"].label = "User name"
        self.fields["username"].help_text = "Letters, digits and @ . + - _ only; up to 150."
        self.fields["password1"].label = "Password"
        self.fields["password1"].help_text = (
            "At least eight characters, not only digits, not a common password and not like "
            "your user name or e-mail address."
        )
        self.fields["password2"].label = "The same password again"

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account with this e-mail address exists. Sign in, or reset its password."
            )
        return email


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        label="Name of the token",
        help_text="What it is for, so you recognise it later: “reporting script”.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _uswds(self)
