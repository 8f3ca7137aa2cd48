"""Admin for the API: tokens (never their secrets), the record of writes, webhooks and their deliveries; read-only."""

from django.contrib import admin

from .models import ApiToken, ApiWrite, WebhookDelivery, WebhookEndpoint


class ReadOnlyAdmin(admin.ModelAdmin):
    """What the API and the worker write is evidence: the admin shows it and changes nothing."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["name", "prefix", "user", "organisation", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["organisation"]
    list_select_related = ["user", "organisation"]
    exclude = ["key_hash"]


@admin.register(ApiWrite)
class ApiWriteAdmin(ReadOnlyAdmin):
    list_display = ["at", "organisation", "user", "token", "action", "object_type", "object_id", "summary"]
    list_filter = ["organisation", "action"]
    list_select_related = ["organisation", "user", "token"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(ReadOnlyAdmin):
    list_display = ["url", "organisation", "is_active", "created_at"]
    list_filter = ["organisation", "is_active"]
    exclude = ["secret"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "endpoint", "event", "status", "attempts", "response_code", "last_attempt_at"]
    list_filter = ["status", "event"]
    list_select_related = ["endpoint"]
