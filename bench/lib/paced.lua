-- Reads at a pace a busy site sees rather than as fast as the machine allows: each connection waits
-- PAUSE ms (default 2) after each answer.
function init(args)
  pause = tonumber(args[1] or "2")
end

function delay()
  return pause
end
