"""The demo plan's progress: an issued report for 2026-Q3 and a public progress page."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from pypdf import PdfReader

from plans.demo import demo_plan_seed
from reports.services import progress_report_file

pytestmark = pytest.mark.django_db


def test_the_demo_plan_has_an_issued_q3_report_and_a_public_progress_page() -> None:
    owner = get_user_model().objects.create_user(username="demo", password="correct horse 42")
    plan = demo_plan_seed(owner=owner)
    report = plan.progress_reports.get()
    assert (report.period, report.number) == ("2026-Q3", 1)
    assert bytes(report.pdf) == b""  # made when first asked for, then kept
    pdf = progress_report_file(report=report, fmt="pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Overall status" in text and "Measures against targets" in text
    anyone = Client()
    page = anyone.get(f"/p/{plan.code}/progress/").content.decode()
    assert "Strategic actions" in page and "Measures" in page and "Latest progress report" in page
    assert anyone.get(f"/p/{plan.code}/progress/report.pdf").content == pdf
    assert "@" not in page.split("<main", 1)[-1].split("</main>", 1)[0]
