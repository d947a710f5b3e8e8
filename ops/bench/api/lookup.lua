-- wrk script for ops/bench/api.sh: GET /v1/lots/{id} (the lot's proof bundle) for a lot drawn at
-- random from LOTS (a file of lot numbers, one a line), with the customs key in KEY.
-- Usage: LOTS=lots.txt KEY=... wrk -s lookup.lua --latency http://127.0.0.1:PORT
local lots = {}

function init(args)
  local path = os.getenv("LOTS") or error("LOTS is not set")
  for line in io.lines(path) do
    if line ~= "" then lots[#lots + 1] = line end
  end
  if #lots == 0 then error("no lot ids in " .. path) end
  wrk.headers["Authorization"] = "Bearer " .. (os.getenv("KEY") or error("KEY is not set"))
  wrk.headers["Accept"] = "application/json"
  -- A different random sequence in each wrk thread.
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
end

function request()
  return wrk.format("GET", "/v1/lots/" .. lots[math.random(#lots)])
end

ok = 0
other = 0

function response(status, headers, body)
  if status == 200 then ok = ok + 1 else other = other + 1 end
end

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function done(summary, latency, requests)
  local a, r = 0, 0
  for _, t in ipairs(threads) do
    a = a + (t:get("ok") or 0)
    r = r + (t:get("other") or 0)
  end
  io.write(string.format("lookups: %d answered 200, %d other statuses\n", a, r))
end
