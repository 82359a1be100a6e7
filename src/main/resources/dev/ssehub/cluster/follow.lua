
-- KEYS: the stream, the last trimmed id.
-- ARGV: the follower's position (the last id it handed over, or 0-0), how many entries at most,
-- how many bytes of encoded frames at most (at least one entry is returned when there is one).
-- Returns {continuous, from, entries, seconds, microseconds, added, length, next}. continuous is 1
-- when the history
-- proves that nothing after the position was lost: the position is still kept, or is exactly
-- the last trimmed id, or nothing was ever trimmed before a position of 0-0. Otherwise (the
-- follower fell behind the trimming, or Redis lost its data, or a replica without the newest
-- entries was promoted) it is 0, and the entries start after 'from', the last trimmed id (or
-- 0-0): everything Redis still holds. The time is Redis's own, for the publishers' deadlines.
-- added is how many entries the stream was ever given (-1 before Redis 7, which does not count
-- them) and length how many it holds, so that the follower knows how far behind the head it is;
-- next is the id of the first entry after those returned, or '' when they reach the head.
local stream, trimmed = KEYS[1], KEYS[2]
local position, count, max_bytes = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])

local last_trimmed = redis.call('GET', trimmed)
local continuous = 0
if position == last_trimmed or (position == '0-0' and not last_trimmed) then
  continuous = 1
elseif #redis.call('XRANGE', stream, position, position) > 0 then
  continuous = 1
end
local from = position
if continuous == 0 then
  from = last_trimmed or '0-0'
end

local entries = redis.call('XRANGE', stream, '(' .. from, '+', 'COUNT', count + 1)
local taken, bytes, next = {}, 0, ''
for i = 1, #entries do
  local size = size_of(entries[i][2])
  if i > count or (i > 1 and bytes + size > max_bytes) then
    next = entries[i][1]
    break
  end
  bytes = bytes + size
  taken[i] = entries[i]
end

local added, length = 0, 0
if redis.call('EXISTS', stream) == 1 then
  local info = redis.call('XINFO', 'STREAM', stream)
  added = -1
  for i = 1, #info, 2 do
    if info[i] == 'length' then
      length = info[i + 1]
    elseif info[i] == 'entries-added' then
      added = info[i + 1]
    end
  end
end
local now = redis.call('TIME')
return {continuous, from, taken, now[1], now[2], added, length, next}
