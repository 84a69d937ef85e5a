-- wrk script for the mixed workload: every request is one signed-in person, drawn at random from a
-- sessions file that `pillars seed --sessions K --sessions-file F` wrote, doing one thing the app
-- does, drawn by weight from the table below (how often people do it; docs/capacity.md explains
-- the weights). Check-ins for today are made by the first person of each couple only, so no day is
-- ever complete and locked.
--
-- Environment:
--   PILLARS_SESSIONS  the sessions file (user id, bond id, cookie token, CSRF value; tab-separated,
--                     the two people of a couple on consecutive lines)
--   PILLARS_ORIGIN    the server's origin, e.g. "http://127.0.0.1:8080"
--   PILLARS_TODAY     today's date (UTC), YYYY-MM-DD
--   PILLARS_CHECKIN   the JSON body of a check-in
--   PILLARS_COOKIE_NAME  the session cookie's name (default pillars_session)
-- Usage: wrk -t2 -c64 -d30s -s bench/mixed.lua http://127.0.0.1:PORT
-- Prints, at the end, one line: mixed requests=N rps=R p50_ms=A p99_ms=B p999_ms=C errors=E non2xx=S
-- (errors: connections that failed or timed out; non2xx: answers of 400 and above).

local function need(name)
  local value = os.getenv(name)
  if value == nil or value == "" then
    io.stderr:write("mixed.lua: set " .. name .. "\n")
    os.exit(2)
  end
  return value
end

-- { weight, name, method, path (with {bond} and {today}), body or nil, writes (needs CSRF) }
local routes = {
  { 10, "me",            "GET",  "/api/v1/me" },
  { 8,  "bonds",         "GET",  "/api/v1/bonds" },
  { 10, "bond",          "GET",  "/api/v1/bonds/{bond}" },
  { 10, "notices",       "GET",  "/api/v1/notices" },
  { 14, "today",         "GET",  "/api/v1/bonds/{bond}/checkins/{today}" },
  { 3,  "checkins",      "GET",  "/api/v1/bonds/{bond}/checkins" },
  { 10, "shared",        "GET",  "/api/v1/bonds/{bond}/entries" },
  { 5,  "own entries",   "GET",  "/api/v1/entries" },
  { 3,  "insights",      "GET",  "/api/v1/bonds/{bond}/insights" },
  { 3,  "decks",         "GET",  "/api/v1/bonds/{bond}/decks" },
  { 2,  "moments",       "GET",  "/api/v1/bonds/{bond}/moments" },
  { 3,  "warm words",    "GET",  "/api/v1/bonds/{bond}/appreciations" },
  { 8,  "check in",      "PUT",  "/api/v1/bonds/{bond}/checkins/{today}", "checkin", true },
  { 4,  "write",         "POST", "/api/v1/entries", '{"kind":"feeling","feelings":[],"body":"A quiet evening, and glad of it."}', true },
  { 3,  "warm word",     "POST", "/api/v1/bonds/{bond}/appreciations", '{"kind":"thanks"}', true },
  { 4,  "seen",          "POST", "/api/v1/notices/seen", '{"all":true}', true },
}

local sessions = {}
local total_weight = 0
local origin, today, checkin, cookie_name

function init(args)
  origin = need("PILLARS_ORIGIN")
  today = need("PILLARS_TODAY")
  checkin = need("PILLARS_CHECKIN")
  cookie_name = os.getenv("PILLARS_COOKIE_NAME") or "pillars_session"
  local file = io.open(need("PILLARS_SESSIONS"), "r")
  if not file then
    io.stderr:write("mixed.lua: cannot read the sessions file\n")
    os.exit(2)
  end
  local line_no = 0
  for line in file:lines() do
    local user, bond, token, csrf = line:match("^(%S+)\t(%S+)\t(%S+)\t(%S+)$")
    if user then
      sessions[#sessions + 1] = { bond = bond, cookie = cookie_name .. "=" .. token, csrf = csrf, first = line_no % 2 == 0 }
      line_no = line_no + 1
    end
  end
  file:close()
  if #sessions == 0 then
    io.stderr:write("mixed.lua: no sessions in the file\n")
    os.exit(2)
  end
  for _, r in ipairs(routes) do total_weight = total_weight + r[1] end
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
end

local function draw()
  local x = math.random() * total_weight
  for i, r in ipairs(routes) do
    x = x - r[1]
    if x < 0 then return i end
  end
  return #routes
end

function request()
  local s = sessions[math.random(#sessions)]
  local i = draw()
  local r = routes[i]
  -- Only the first person of a couple checks in today; the other reads the day instead.
  if r[2] == "check in" and not s.first then i = 5; r = routes[i] end
  local path = r[4]:gsub("{bond}", s.bond):gsub("{today}", today)
  local headers = { ["Cookie"] = s.cookie }
  local body = nil
  if r[6] then
    headers["X-CSRF-Token"] = s.csrf
    headers["Origin"] = origin
    headers["Content-Type"] = "application/json"
    body = r[5] == "checkin" and checkin or r[5]
  end
  return wrk.format(r[3], path, headers, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("mixed requests=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, errors, summary.errors.status))
end
