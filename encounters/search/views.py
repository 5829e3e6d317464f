"""The search page, /search/?q=…: the full page, and its results alone for htmx as you type."""

from django.http import HttpResponse
from django.shortcuts import render

from contacts.account import AuthenticatedRequest

from .engine import search


def search_page(request: AuthenticatedRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    results = search(request.user, query)
    if request.htmx and request.htmx.target == "site-search-panel" and not results.query:
        # The header's field was emptied (or Escape cleared it): the panel closes.
        return HttpResponse("")
    # As you type (the header's field, or this page's): only the results, the same partial.
    template = "search/search.html#results" if request.htmx else "search/search.html"
    return render(request, template, {"results": results, "search_query": query})
