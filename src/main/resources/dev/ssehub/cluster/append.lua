
-- KEYS: the stream, the last trimmed id, the bytes kept, and the publisher's key record or ''.
-- ARGV: max events, max bytes, ttl in ms, the number of events n, then for each event its
-- publication, its encoded size and its topics as a JSON array; last, the publish's deadline in
-- ms of Redis's clock.
-- Returns {0, id...} when it stored the batch, {1, answer} when the key was used before and the
-- history still holds the first event stored with it: then nothing is stored; {2} when it runs
-- after the deadline (Redis was frozen, or the command waited in a queue): nothing is stored,
-- since the publisher has been told so, or is about to be.
local stream, trimmed, bytes_key, key_record = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local max_events, max_bytes, ttl_ms = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local count = tonumber(ARGV[4])
local deadline = tonumber(ARGV[5 + 3 * count])

local now = redis.call('TIME')
if tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) > deadline then
  return {2}
end

if key_record ~= '' then
  local earlier = redis.call('GET', key_record)
  if earlier then
    local newline = string.find(earlier, '\n', 1, true)
    local first_id = string.sub(earlier, 1, newline - 1)
    if #redis.call('XRANGE', stream, first_id, first_id) > 0 then
      return {1, string.sub(earlier, newline + 1)}
    end
  end
end

local ids = {0}
local answer = {}
for i = 0, count - 1 do
  local publication, size, topics = ARGV[5 + 3 * i], ARGV[6 + 3 * i], ARGV[7 + 3 * i]
  local id = redis.call('XADD', stream, '*', 'p', publication, 'b', size)
  redis.call('INCRBY', bytes_key, size)
  ids[#ids + 1] = id
  answer[#answer + 1] = '{"id":"' .. id .. '","topics":' .. topics .. ',"recipients":0}'
end
if key_record ~= '' then
  redis.call('SET', key_record, ids[2] .. '\n[' .. table.concat(answer, ',') .. ']', 'PX', ttl_ms)
end
trim(stream, trimmed, bytes_key, max_events, max_bytes, ttl_ms, ids[2])
return ids
