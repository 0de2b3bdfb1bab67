from __future__ import annotations

from django.contrib import admin

from funding.models import ActionFundingNeed, FundingEntry, FundingSettings


@admin.register(FundingEntry)
class FundingEntryAdmin(admin.ModelAdmin):
    list_display = ("action", "funder_name", "funder_organisation", "status", "committed")
    list_filter = ("status", "source_type", "renewal_expected")
    search_fields = ("funder_name", "funder_organisation__name", "action__title")
    raw_id_fields = ("action", "funder_organisation", "created_by")


@admin.register(ActionFundingNeed)
class ActionFundingNeedAdmin(admin.ModelAdmin):
    list_display = ("action", "amount", "period_start", "period_end")
    raw_id_fields = ("action",)


admin.site.register(FundingSettings)
