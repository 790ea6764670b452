-- Readers liking the comments of the read scenario's article: every like from a new reader (no
-- token, so each one also gets a guest token: the dearest kind of like) at an address of its own
-- (X-Forwarded-For through the trusted local proxy), one like per connection every PAUSE ms.
function init(args)
  ids = {}
  for id in string.gmatch(args[1], "%d+") do
    ids[#ids + 1] = id
  end
  pause = tonumber(args[2] or "20")
  n = 0
end

function delay()
  return pause
end

function request()
  n = n + 1
  local ip = "172.16." .. (math.floor(n / 250) % 250) .. "." .. (n % 250 + 1)
  return wrk.format("POST", "/api/v1/comments/" .. ids[n % #ids + 1] .. "/likes", { ["X-Forwarded-For"] = ip }, "")
end
