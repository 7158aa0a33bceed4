-- wrk script for POST /api/v1/s/{code}/responses: one complete teamscan response per request, each with a new
-- random UUID (a repeated id would be an idempotent replay, not a new submission). Counts the status codes each
-- thread receives and prints them, the submission rate and the latency percentiles in done().
-- Usage: wrk -t2 -c32 -d20s --latency -s bench/submit.lua http://127.0.0.1:5099/api/v1/s/DEMO/responses
-- The 24 item ids of content/instruments/leerrijk-teamscan.yaml:
local items = {
  "fout-melden", "fout-leren", "vragen-stellen", "fout-afgerekend",
  "nieuw-proberen", "verbeteren", "tijd-voor-nieuw", "altijd-zo",
  "andere-vakken", "kennis-delen", "meelopen", "samen-oplossen",
  "feedback", "zelf-kiezen", "coach-vragen", "leren-voorbeeld",
  "ontwikkelgesprek", "terugkijken", "budget", "tijd-leren",
  "klanten", "leveranciers", "scholen", "andere-bedrijven",
}
local roles = { "employee", "manager", "hr", "owner" }
local departments = { "Werkplaats", "Montage", "Service", "Kantoor" }
local headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_no", counter)
  table.insert(threads, thread)
end

function init(args)
  -- Each thread has its own Lua state and generator: seed it from /dev/urandom, the clock and the thread number
  -- so no two threads produce the same sequence of UUIDs.
  local seed = os.time() * 1000 + (thread_no or 0) * 7919
  local f = io.open("/dev/urandom", "rb")
  if f then
    local bytes = f:read(4)
    f:close()
    for i = 1, #bytes do seed = (seed * 256 + bytes:byte(i)) % 2147483647 end
  end
  math.randomseed(seed)
  for _ = 1, 10 do math.random() end
  statuses = {}
  path = wrk.path
end

local hex = "0123456789abcdef"
local function h(n)
  local t = {}
  for i = 1, n do
    local d = math.random(1, 16)
    t[i] = hex:sub(d, d)
  end
  return table.concat(t)
end

-- Random version 4 UUID: xxxxxxxx-xxxx-4xxx-Yxxx-xxxxxxxxxxxx with Y in 8..b.
local function uuid()
  local y = math.random(9, 12)
  return h(8) .. "-" .. h(4) .. "-4" .. h(3) .. "-" .. hex:sub(y, y) .. h(3) .. "-" .. h(12)
end

function request()
  local answers = {}
  for i, id in ipairs(items) do
    answers[i] = '"' .. id .. '":' .. math.random(1, 5)
  end
  local body = '{"id":"' .. uuid() .. '","language":"nl","role":"' .. roles[math.random(1, #roles)]
    .. '","department":"' .. departments[math.random(1, #departments)]
    .. '","answers":{' .. table.concat(answers, ",")
    .. '},"open":{"wat-helpt":"Samen naar een lastige storing kijken en daarna bespreken wat we ervan leren."}}'
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses") or {}) do
      total[status] = (total[status] or 0) + n
    end
  end
  local codes = {}
  for status in pairs(total) do table.insert(codes, status) end
  table.sort(codes)
  local parts, non2xx, created = {}, 0, total[201] or 0
  for _, status in ipairs(codes) do
    table.insert(parts, status .. "=" .. total[status])
    if status < 200 or status > 299 then non2xx = non2xx + total[status] end
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  -- One machine-readable line per fact, for bench/submit.sh.
  io.write(string.format("BENCH statuses %s\n", #parts > 0 and table.concat(parts, " ") or "none"))
  io.write(string.format("BENCH created %d\n", created))
  io.write(string.format("BENCH non2xx %d\n", non2xx))
  io.write(string.format("BENCH socket_errors connect=%d read=%d write=%d timeout=%d\n", e.connect, e.read, e.write, e.timeout))
  io.write(string.format("BENCH seconds %.3f\n", seconds))
  io.write(string.format("BENCH created_per_s %.1f\n", created / seconds))
  for _, p in ipairs({ 50, 90, 95, 99 }) do
    io.write(string.format("BENCH p%d %.2fms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("BENCH max %.2fms\n", latency.max / 1000))
end
