-- Drops the oldest events while the history is over its count, its bytes or its age, and
-- remembers the id of the last one dropped: a reader that resumes from exactly that id has lost
-- nothing, one that resumes from before it has. The newest event stays even when it alone is
-- over the bytes, and the events from keep_from on (the batch an append has just stored) are never
-- dropped by the step that stored them: no reader could have read them yet. Shared by the append,
-- read and follow scripts, which prepend it.
local function size_of(fields)
  for i = 1, #fields, 2 do
    if fields[i] == 'b' then
      return tonumber(fields[i + 1])
    end
  end
  return 0
end

-- The id just after an id: XTRIM MINID drops everything below it, the given id included.
local function next_id(id)
  local millis, sequence = string.match(id, '^(%d+)-(%d+)$')
  return millis .. '-' .. (tonumber(sequence) + 1)
end

local function drop_oldest(stream, trimmed, bytes_key, count, keep_from)
  local below = keep_from and ('(' .. keep_from) or '+'
  local dropped = redis.call('XRANGE', stream, '-', below, 'COUNT', count)
  if #dropped == 0 then
    return false
  end
  local size = 0
  for i = 1, #dropped do
    size = size + size_of(dropped[i][2])
  end
  local last = dropped[#dropped][1]
  redis.call('XTRIM', stream, 'MINID', next_id(last))
  redis.call('DECRBY', bytes_key, size)
  redis.call('SET', trimmed, last)
  return true
end

local function trim(stream, trimmed, bytes_key, max_events, max_bytes, ttl_ms, keep_from)
  -- over the count: what is too many goes in one step
  local excess = redis.call('XLEN', stream) - max_events
  if excess > 0 then
    drop_oldest(stream, trimmed, bytes_key, excess, keep_from)
  end
  -- over the bytes or the age: one at a time, rarely more than a few
  local now = redis.call('TIME')
  local cutoff = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) - ttl_ms
  while true do
    local length = redis.call('XLEN', stream)
    if length == 0 then
      return
    end
    local oldest = redis.call('XRANGE', stream, '-', '+', 'COUNT', 1)[1]
    local millis = tonumber(string.match(oldest[1], '^(%d+)-'))
    local bytes = tonumber(redis.call('GET', bytes_key) or '0')
    if ((bytes > max_bytes and length > 1) or millis < cutoff)
        and drop_oldest(stream, trimmed, bytes_key, 1, keep_from) then
      -- dropped one; look again
    else
      return
    end
  end
end
