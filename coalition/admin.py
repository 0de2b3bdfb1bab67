from __future__ import annotations

from django.contrib import admin

from coalition.models import Coalition, JoinRequest, OrganisationProfile, Person, WorkingGroup


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("name", "title", "organisation", "plan")
    list_filter = ("plan",)
    search_fields = ("name", "title")
    # Private answers stay out of the list; they show only on one person's page.
    exclude = ("demographic_notes",)


@admin.register(OrganisationProfile)
class OrganisationProfileAdmin(admin.ModelAdmin):
    list_display = ("organisation", "sector", "influence", "interest")


@admin.register(WorkingGroup)
class WorkingGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "plan", "chair")


admin.site.register(JoinRequest)
admin.site.register(Coalition)
