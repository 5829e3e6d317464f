"""The benchmark report as Markdown: the machine first, then the pages, the computations, the targets."""

# The targets from the issue that introduced the benchmarks; the report says which are met.
# Issue #15 set them for 5,000 contacts, 50,000 encounters and 50,000 ties on two cores.
MIN_RATIO = 0.25  # of the bare view's throughput, at TARGET_CONCURRENCY
MAX_P95_MS = 100  # at concurrency TARGET_CONCURRENCY
TARGET_CONCURRENCY = 8
MAX_ALONE_FACTOR = 5.0  # one request in-process, over the bare view's in the same run
MAX_QUIET_S = 0.1
MAX_NETWORK_S = 1.0
MAX_DIGEST_S = 30.0
MAX_SEARCH_S = 0.1  # one search (contacts, encounters, introductions), in-process, issue #14


def _n(value: float, digits: int = 0) -> str:
    return f"{value:,.{digits}f}"


def _ms(value: float) -> str:
    return _n(value, 1) if value < 100 else _n(value)


def _verdict(value: float, limit: float) -> str:
    return "met" if value <= limit else f"**missed** ({value / limit:.1f}× the limit)"


def markdown(results: dict) -> str:
    m, data, settings = results["machine"], results["data"], results["settings"]
    generation = results.get("generation", {})
    lines = [
        "# Benchmarks",
        "",
        f"Latest run: `{results['command']}`"
        + (" (what `make bench` runs)" if results["command"].endswith("run.py") else "")
        + f", {results['started_at'].replace('T', ' ').removesuffix('+00:00')} UTC, "
        f"commit {m['commit']}, {results['total_minutes']:.1f} minutes in all.",
        "",
        f"**Machine:** {m['usable_cores']} cores ({m['cpu'] or 'unknown CPU'}), {m['memory_gib']:.1f} GiB memory, "
        f"Linux {m['kernel']}; load average {m['load_average_at_start'][0]:.2f} at the start"
        + (
            f", {m['load_average_before_load'][0]:.2f} before the load test"
            if "load_average_before_load" in m
            else ""
        )
        + f". PostgreSQL {m['postgres']}, Python {m['python']}, Django {m['django']}, {m['wrk']}. "
        "Server, database and load generator share the same cores, and the machine is shared: "
        "compare figures of one run (the ratios), not across runs.",
        "",
        f"**Data** (`generate_network`): one user with {_n(data['contacts'])} contacts, "
        f"{_n(data['encounters'])} encounters and {_n(data['ties'])} ties"
        + (
            f" (generated in {generation['one_user_s']:.0f} s)"
            if "one_user_s" in generation
            else ""
        )
        + f"; {_n(data['digest_users'])} users with {_n(data['digest_contacts'])} contacts, "
        f"{_n(data['digest_encounters'])} encounters and {_n(data['digest_ties'])} ties each"
        + (
            f" (generated in {generation['many_users_s']:.0f} s)"
            if "many_users_s" in generation
            else ""
        )
        + ".",
        "",
    ]
    lines += _pages_alone(results)
    lines += _misses(results)
    if "pages" in results:
        lines += _pages(results, settings)
    lines += _computations(results)
    lines += _targets(results)
    return "\n".join(lines) + "\n"


def _alone_factor(results: dict, key: str) -> float | None:
    queries = results.get("queries", {})
    bare = queries.get("bare", {}).get("in_process_ms")
    page = queries.get(key, {}).get("in_process_ms")
    return page / bare if bare and page is not None else None


def _pages_alone(results: dict) -> list[str]:
    """Every page once in-process: its queries, their time, and its time over the bare view's."""
    queries = results.get("queries")
    if not queries:
        return []
    lines = [
        "## Pages, one request at a time",
        "",
        "The Django test client on the same database, DEBUG off: the queries of one request (after "
        "one to warm up), their **SQL ms**, and **alone**, the median time of nine requests "
        "in-process (no network, no load); **× bare** is that time over the bare view's.",
        "",
        "| page | queries | SQL ms | alone ms | × bare |",
        "|---|--:|--:|--:|--:|",
    ]
    for key, row in queries.items():
        factor = _alone_factor(results, key)
        lines.append(
            f"| {row.get('name', key)} | {row['queries']} | {_ms(row['sql_ms'])} | "
            f"{_ms(row['in_process_ms'])} | {factor:.1f} |"
            if factor is not None
            else f"| {row.get('name', key)} | {row['queries']} | {_ms(row['sql_ms'])} | "
            f"{_ms(row['in_process_ms'])} | |"
        )
    return [*lines, ""]


def _misses(results: dict) -> list[str]:
    """Every page read once more right after a write: rendered in full, not from the page cache."""
    misses = results.get("page_cache_misses_ms")
    bare = results.get("queries", {}).get("bare", {}).get("in_process_ms")
    if not misses or not bare:
        return []
    names = {key: row.get("name", key) for key, row in results.get("queries", {}).items()}
    lines = [
        "### The first request after a write (the page cache missed)",
        "",
        "The table above mostly times pages served from the per-account page cache "
        "(crm/page_cache.py). Each page was timed once more right after its data version moved on, "
        f"so that it is rendered in full (`page_misses` in bench/run.py), against the bare view's "
        f"{_ms(bare)} ms. Under load every wrk round ends with the quick-log POST, which moves the "
        "version on, so each page's next run starts with such misses.",
        "",
        "| page | cache missed, ms | × bare |",
        "|---|--:|--:|",
    ]
    for key, ms in misses.items():
        lines.append(f"| {names.get(key, key)} | {_ms(ms)} | {ms / bare:.1f} |")
    return [*lines, ""]


def _pages(results: dict, settings: dict) -> list[str]:
    lines = [
        "## Pages under load",
        "",
        f"gunicorn with {settings['workers']} sync workers, DEBUG off, static files by whitenoise; "
        f"wrk with a signed-in session, {settings['repeats']} runs of {settings['duration']} s per cell, "
        "medians. **× bare** is the page's throughput over the bare view's at the same concurrency: "
        "the median of each round's ratio (a round runs the bare view, then each page). The bare view "
        "returns two bytes behind the same middleware as the pages, login included (its two queries "
        "load the session and the user).",
        "",
        "| page | concurrency | req/s | × bare | p50 ms | p95 ms | p99 ms |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for row in results["pages"]:
        failed = f" ({row['failed']} failed)" if row["failed"] else ""
        lines.append(
            f"| {row['name']}{failed} | "
            f"{row['concurrency']} | {_n(row['rps'], 1)} | {row['ratio']:.2f} | {_ms(row['p50'])} | "
            f"{_ms(row['p95'])} | {_ms(row['p99'])} |"
        )
    lines += [
        "",
        "The pages: the dashboard `/`; the contact list `/contacts/` (first page by name); a contact "
        "page `/contacts/<id>/`, one of 200 active contacts at random; the encounter list "
        "`/encounters/`; gone quiet `/quiet/`; the circles `/circles/` (the latest analysis); search "
        "as you type `/encounters/picker/?who=…` (htmx), one of about 100 name and organisation "
        "prefixes; the header's search `/search/?q=…`; the quick log, an htmx POST to "
        "`/encounters/log/` of a coffee, meal or call with one of 200 other contacts (each request "
        "stores an encounter).",
        "",
    ]
    return lines


def _computations(results: dict) -> list[str]:
    lines = [
        "## Computations",
        "",
        "In-process on the same database, before the load test; medians of several runs (the quiet "
        "contacts after one to warm up).",
        "",
        "| what | median | runs | target |",
        "|---|--:|--:|---|",
    ]
    quiet, network, digest = results.get("quiet"), results.get("network"), results.get("digest")
    if quiet:
        lines.append(
            f"| quiet contacts (`quiet_contacts`) as the page shows them (the ranking, the topics of "
            f"the first {quiet.get('shown', 'all')}), {_n(results['data']['contacts'])} contacts, "
            f"{_n(quiet['quiet_found'])} quiet | {_n(quiet['median_s'] * 1000)} ms | {len(quiet['runs'])} | "
            f"< {MAX_QUIET_S * 1000:.0f} ms: {_verdict(quiet['median_s'], MAX_QUIET_S)} |"
        )
        if "all_with_topics_median_s" in quiet:
            lines.append(
                f"| of which all {_n(quiet['quiet_found'])} with their topics (the command's JSON) | "
                f"{_n(quiet['all_with_topics_median_s'] * 1000)} ms | {len(quiet['runs'])} | |"
            )
    lines += _search_rows(results)
    if network:
        lines += [
            f"| network analysis (`analyse_user_network`), {_n(network['contacts'])} contacts, "
            f"{_n(network['ties'])} ties, {_n(network['shared_encounters'])} shared encounters: "
            f"{network['clusters']} circles, {network['bubbles']} bubbles | {network['median_s']:.2f} s, "
            f"peak {network['peak_mib']:.0f} MiB | {len(network['runs'])} | < {MAX_NETWORK_S:.0f} s: "
            f"{_verdict(network['median_s'], MAX_NETWORK_S)} |",
            f"| of which loading (`network_inputs`), one run | {network['load_s']:.2f} s | 1 | |",
            f"| of which the analysis on plain data (`analyse_network`), one run | "
            f"{network['analyse_s']:.2f} s | 1 | |",
        ]
    if digest:
        lines += [
            f"| digest dispatcher (`enqueue_due_digests`), {_n(digest['dispatched'])} due | "
            f"{_n(digest['dispatch_median_s'] * 1000)} ms | {len(digest['dispatch_runs'])} | |",
            f"| digests built, rendered and sent for {_n(digest['users'])} users "
            f"(one worker, locmem mail backend) | {digest['send_total_s']:.1f} s | 1 | < {MAX_DIGEST_S:.0f} s: "
            f"{_verdict(digest['send_total_s'], MAX_DIGEST_S)} |",
            f"| per digest: {digest['queries_per_digest']:.2g} queries (batches of {digest.get('batch_size', 1)}); building (`build_digest`) | "
            f"{_ms(digest['build_median_ms'])} ms | {digest['sampled_users']} | |",
            f"| per digest: rendering (`render_digest`, text and HTML) | {_ms(digest['render_median_ms'])} ms | "
            f"{digest['sampled_users']} | |",
        ]
    return [*lines, ""]


def _search_rows(results: dict) -> list[str]:
    search = results.get("search")
    if not search:
        return []
    return [
        f"| search (`search`), {_n(results['data']['contacts'])} contacts and "
        f"{_n(results['data']['encounters'])} encounters, {search['queries_run']} different queries, "
        f"{search['db_queries']} database queries each | {_ms(search['median_s'] * 1000)} ms "
        f"(p95 {_ms(search['p95_s'] * 1000)} ms) | {len(search['runs'])} | "
        f"< {MAX_SEARCH_S * 1000:.0f} ms: {_verdict(search['median_s'], MAX_SEARCH_S)} |",
    ]


def _targets(results: dict) -> list[str]:
    lines = ["## Targets", ""]
    if results.get("queries"):
        factors = {key: _alone_factor(results, key) for key in results["queries"] if key != "bare"}
        over = {key: f for key, f in factors.items() if f is not None and f > MAX_ALONE_FACTOR}
        names = {key: row.get("name", key) for key, row in results["queries"].items()}
        lines.append(
            f"- Every page alone (in-process) within {MAX_ALONE_FACTOR:.0f}× the bare view's time: "
            + (
                "met by every page."
                if not over
                else "**missed** by "
                + "; ".join(f"{names[key]} ({f:.1f}×)" for key, f in over.items())
                + "."
            )
        )
    if "pages" in results:
        at_target = [
            row
            for row in results["pages"]
            if row["key"] != "bare" and row["concurrency"] == TARGET_CONCURRENCY
        ]
        slow = [row for row in at_target if row["ratio"] < MIN_RATIO]
        late = [row for row in at_target if row["p95"] >= MAX_P95_MS]
        if at_target:
            lines.append(
                f"- Every page at least {MIN_RATIO:.0%} of the bare view's throughput at concurrency "
                f"{TARGET_CONCURRENCY}: "
                + (
                    "met by every page."
                    if not slow
                    else "**missed** by "
                    + "; ".join(f"{r['name']} ({r['ratio']:.0%})" for r in slow)
                    + "."
                )
            )
            lines.append(
                f"- p95 under {MAX_P95_MS} ms at concurrency {TARGET_CONCURRENCY}: "
                + (
                    "met by every page."
                    if not late
                    else "**missed** by "
                    + "; ".join(f"{r['name']} ({_ms(r['p95'])} ms)" for r in late)
                    + "."
                )
            )
    quiet, network, digest = results.get("quiet"), results.get("network"), results.get("digest")
    if quiet:
        lines.append(
            f"- Quiet contacts for {_n(results['data']['contacts'])} contacts under "
            f"{MAX_QUIET_S * 1000:.0f} ms: {_verdict(quiet['median_s'], MAX_QUIET_S)}, "
            f"{_n(quiet['median_s'] * 1000)} ms."
        )
    if results.get("search"):
        lines.append(
            f"- Search under {MAX_SEARCH_S * 1000:.0f} ms: "
            f"{_verdict(results['search']['median_s'], MAX_SEARCH_S)}, "
            f"median {_ms(results['search']['median_s'] * 1000)} ms, "
            f"p95 {_ms(results['search']['p95_s'] * 1000)} ms."
        )
    if network:
        lines.append(
            f"- Network analysis under {MAX_NETWORK_S:.0f} s: "
            f"{_verdict(network['median_s'], MAX_NETWORK_S)}, {network['median_s']:.2f} s."
        )
    if digest:
        lines.append(
            f"- Digest for {_n(digest['users'])} users under {MAX_DIGEST_S:.0f} s with one worker: "
            f"{_verdict(digest['send_total_s'], MAX_DIGEST_S)}, {digest['send_total_s']:.1f} s."
        )
    return [*lines, ""]
