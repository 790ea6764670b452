-- Guest submissions, each from a different author and client address (through a trusted proxy's
-- X-Forwarded-For), with distinct texts: every one runs the whole pipeline and commits.
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function init(args)
  run = args[1] or "w0"
  -- each run (r1-..., r2-...) posts from its own addresses, so the flood gate never sees a repeat
  index = tonumber(string.match(run, "^%a(%d+)")) or 0
  n = 0
end

function request()
  n = n + 1
  local uid = run .. "-" .. tid .. "-" .. n
  local body = '{"body":"Comment ' .. uid .. ': the council should publish the lighthouse budget before spring, '
    .. 'so that readers can judge the cost for themselves.","articleUrl":"http://localhost:8080/news/bench-write",'
    .. '"author":{"name":"Writer ' .. uid .. '","email":"w' .. uid .. '@example.com"}}'
  local ip = "10." .. ((index * 8 + tid) % 250 + 1) .. "." .. (math.floor(n / 250) % 250) .. "." .. (n % 250 + 1)
  return wrk.format("POST", "/api/v1/articles/bench-write/comments",
    { ["Content-Type"] = "application/json", ["X-Forwarded-For"] = ip }, body)
end
