-- Drops the oldest events while the history is over its count, its bytes or its age, and
-- remembers the id of the last one dropped: a reader that resumes from exactly that id has lost
-- nothing, one that resumes from before it has. The newest event stays even when it alone is
-- over the bytes. Shared by the append and the read scripts, which prepend it.
local function size_of(fields)
  for i = 1, #fields, 2 do
    if fields[i] == 'b' then
      return tonumber(fields[i + 1])
    end
  end
  return 0
end

local function trim(stream, trimmed, bytes_key, max_events, max_bytes, ttl_ms)
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
    if length > max_events or (bytes > max_bytes and length > 1) or millis < cutoff then
      redis.call('XDEL', stream, oldest[1])
      redis.call('DECRBY', bytes_key, size_of(oldest[2]))
      redis.call('SET', trimmed, oldest[1])
    else
      return
    end
  end
end
