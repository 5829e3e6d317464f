"""The REST API under /api/v1/ (django-ninja): contacts, encounters, introductions, gone quiet and
the network report, for scripts and phone shortcuts, with personal access tokens.

django-ninja rather than Django REST framework: the API is small and typed, ninja builds the
OpenAPI schema from the same type hints that validate requests (pydantic), and it needs no second
way of writing views or serializers beside the plain functions the pages already call.
"""
