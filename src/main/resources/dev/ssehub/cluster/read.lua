
-- KEYS: the stream, the last trimmed id, the bytes kept.
-- ARGV: the id read after ('' for the oldest kept), how many at most, max events, max bytes, ttl in ms.
-- Returns {gap, oldest kept id or '', entries}: gap is 1 when the history cannot show that nothing
-- was lost after the id (older than what is kept, never issued here, or from before Redis lost
-- its data), and the entries then start at the oldest kept.
local stream, trimmed, bytes_key = KEYS[1], KEYS[2], KEYS[3]
-- by age only: the count and the bytes grow only by appends, which trim them, and may be over
-- for a moment when a batch larger than the history was just stored, for the followers to read
trim(stream, trimmed, bytes_key, math.huge, math.huge, tonumber(ARGV[5]))

local oldest = redis.call('XRANGE', stream, '-', '+', 'COUNT', 1)[1]
local start, gap = '-', 0
local after = ARGV[1]
if after ~= '' then
  local kept = #redis.call('XRANGE', stream, after, after) > 0
  if kept or after == redis.call('GET', trimmed) then
    start = '(' .. after
  else
    gap = 1
  end
end
local entries = redis.call('XRANGE', stream, start, '+', 'COUNT', tonumber(ARGV[2]))
return {gap, oldest and oldest[1] or '', entries}
