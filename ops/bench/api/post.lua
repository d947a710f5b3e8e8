-- wrk script for ops/bench/api.sh: POST /v1/documents with the next EPCIS document of POSTS (one
-- compact JSON document a line, ops/bench/lot_documents.py --posts), as warehouse W1 (KEY).
-- Each wrk thread takes every THREADS-th line from its own offset, so no two requests post the
-- same document; a thread that runs out starts again (re-posts are idempotent: 200/202, same id).
-- Usage: POSTS=posts.ndjson KEY=... THREADS=2 wrk -t2 -s post.lua --latency http://127.0.0.1:PORT
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  threads[#threads + 1] = thread
end

local docs = {}
local next_doc = 1

function init(args)
  local stride = tonumber(os.getenv("THREADS") or "1")
  local n = 0
  for line in io.lines(os.getenv("POSTS") or error("POSTS is not set")) do
    if n % stride == id then docs[#docs + 1] = line end
    n = n + 1
  end
  if #docs == 0 then error("no documents for thread " .. id) end
  wrk.method = "POST"
  wrk.headers["Authorization"] = "Bearer " .. (os.getenv("KEY") or error("KEY is not set"))
  wrk.headers["Content-Type"] = "application/ld+json"
end

function request()
  local body = docs[next_doc]
  next_doc = next_doc % #docs + 1
  return wrk.format("POST", "/v1/documents", nil, body)
end

accepted = 0
rejected = 0

function response(status, headers, body)
  if status == 202 or status == 200 then accepted = accepted + 1 else rejected = rejected + 1 end
end

function done(summary, latency, requests)
  local a, r = 0, 0
  for _, t in ipairs(threads) do
    a = a + (t:get("accepted") or 0)
    r = r + (t:get("rejected") or 0)
  end
  io.write(string.format("posts: %d accepted (200/202), %d other statuses\n", a, r))
end
