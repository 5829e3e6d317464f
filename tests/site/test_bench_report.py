"""The benchmark's report: what `make bench` writes into docs/benchmarks.md."""

from bench import report, run


def test_publishing_a_report_keeps_the_history_below_the_marker(tmp_path, monkeypatch):
    published = tmp_path / "benchmarks.md"
    published.write_text(
        f"# Benchmarks\n\nold figures\n\n{run.HISTORY_MARKER}\n\n## Issue 15: before\n"
    )
    monkeypatch.setattr(run, "PUBLISHED", published)

    text = run.published("# Benchmarks\n\nnew figures\n")

    assert "new figures" in text
    assert "old figures" not in text
    assert text.endswith(f"{run.HISTORY_MARKER}\n\n## Issue 15: before\n")


def test_publishing_the_first_report_adds_the_marker(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "PUBLISHED", tmp_path / "benchmarks.md")

    assert run.published("# Benchmarks\n") == f"# Benchmarks\n\n{run.HISTORY_MARKER}\n"


def test_report_shows_each_page_rendered_after_a_write_against_the_bare_view():
    results = {
        "queries": {
            "bare": {"name": "bare view (ceiling)", "in_process_ms": 4.0},
            "contact_page": {"name": "contact page", "in_process_ms": 5.0},
        },
        "page_cache_misses_ms": {"contact_page": 30.0},
    }

    lines = report._misses(results)

    assert "| contact page | 30.0 | 7.5 |" in lines
