-- Shared by the endpoint scripts (dofile'd; bench/run.py runs wrk from this folder).
-- Counts responses whose status is not the expected one, per thread, and prints one JSON line
-- with the totals and the latency percentiles that bench/run.py reads.
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

unexpected = 0
expected_status = 200

function response(status, headers, body)
  if status ~= expected_status then
    unexpected = unexpected + 1
  end
end

-- Every argument after wrk's own ("--" a b c) as a list.
function rest(args, from)
  local list = {}
  for i = from, #args do
    list[#list + 1] = args[i]
  end
  return list
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + (thread:get("unexpected") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "unexpected_status": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"p50": %d, "p90": %d, "p95": %d, "p99": %d, "max": %d, "mean": %.1f}}\n',
    summary.requests, summary.duration, summary.bytes, bad,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean))
end
