-- wrk script for the durable-write runs: one signed-in request with a JSON body, repeated.
-- Everything comes from the environment (bench/run.sh sets it after signing in):
--   PILLARS_METHOD  the method, e.g. PATCH or PUT
--   PILLARS_BODY    the JSON body
--   PILLARS_COOKIE  the Cookie header value, e.g. "pillars_session=..."
--   PILLARS_CSRF    the session's CSRF token (X-CSRF-Token)
--   PILLARS_ORIGIN  the server's origin, e.g. "http://127.0.0.1:8080"
-- Usage: PILLARS_METHOD=PATCH PILLARS_BODY='{"display_name":"Ann"}' ... \
--        wrk -t2 -c256 -d10s --latency -s bench/write.lua http://127.0.0.1:PORT/api/v1/me
local function need(name)
  local value = os.getenv(name)
  if value == nil or value == "" then
    io.stderr:write("write.lua: set " .. name .. "\n")
    os.exit(2)
  end
  return value
end

wrk.method = need("PILLARS_METHOD")
wrk.body = need("PILLARS_BODY")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = need("PILLARS_COOKIE")
wrk.headers["X-CSRF-Token"] = need("PILLARS_CSRF")
wrk.headers["Origin"] = need("PILLARS_ORIGIN")
