namespace Verifier.Cache;

/// <summary>
/// The two Lua scripts every cache write goes through, each on ONE key (valid on Redis Cluster),
/// atomic on Redis and on Garnet (Lua transaction mode). A value is
/// <c>version␟epoch␟markers␟payload</c> (<see cref="CacheEncoding"/>); a key with markers only
/// is <c>0␟0␟markers</c>. Versions and epochs are compared as numbers but copied as the strings
/// they came in as, so no number formatting can alter them. '\31' is the 0x1F separator.
/// </summary>
internal static class CacheScripts
{
    /// <summary>
    /// Adds a marker (ARGV[1] = token; ARGV[2] = marker TTL in ms). The first marker shortens the
    /// key's TTL to the marker TTL: while marked its payload is unreadable anyway, and if the writer
    /// dies the whole key, old payload included, is gone soon after.
    /// </summary>
    public const string Mark = """
        local current = redis.call('GET', KEYS[1])
        local head, markers, tail = '0\31' .. '0', '', ''
        if current then
          local a = string.find(current, '\31', 1, true)
          local b = a and string.find(current, '\31', a + 1, true)
          if b then
            local c = string.find(current, '\31', b + 1, true)
            head = string.sub(current, 1, b - 1)
            markers = string.sub(current, b + 1, c and c - 1 or -1)
            if c then tail = string.sub(current, c) end
          end
        end
        local ttl = tonumber(ARGV[2])
        if markers == '' then
          markers = ARGV[1]
        else
          markers = markers .. ',' .. ARGV[1]
          ttl = math.max(ttl, redis.call('PTTL', KEYS[1]))
        end
        redis.call('SET', KEYS[1], head .. '\31' .. markers .. tail, 'PX', ttl)
        return 1
        """;

    /// <summary>
    /// Writes a payload if it is newer, and with a token removes that marker first.
    /// ARGV: [1] version, [2] epoch, [3] payload ('' = only remove the marker), [4] TTL ms,
    /// [5] marker token ('' = a fill), [6] marker TTL ms.
    /// A fill (no token) never lands on a marked key: a change is being committed. Newer means a
    /// higher version, or the same version cached in a later epoch; the same version and epoch only
    /// refreshes the TTL. Removing the last marker without a payload deletes the key: the payload
    /// under the marker may predate the change and must not become readable again.
    /// Returns 1 written, 2 refreshed, 0 kept what was there.
    /// </summary>
    public const string Write = """
        local current = redis.call('GET', KEYS[1])
        local version, epoch, markers, payload = '-1', '-1', '', nil
        if current then
          local a = string.find(current, '\31', 1, true)
          local b = a and string.find(current, '\31', a + 1, true)
          if b then
            local c = string.find(current, '\31', b + 1, true)
            version = string.sub(current, 1, a - 1)
            epoch = string.sub(current, a + 1, b - 1)
            markers = string.sub(current, b + 1, c and c - 1 or -1)
            if c then payload = string.sub(current, c + 1) end
          end
        end
        local token = ARGV[5]
        if token == '' then
          if markers ~= '' then return 0 end
        else
          local kept = {}
          for marker in string.gmatch(markers, '[^,]+') do
            if marker ~= token then table.insert(kept, marker) end
          end
          markers = table.concat(kept, ',')
        end
        local result = 0
        if ARGV[3] ~= '' then
          local iv, ie = tonumber(ARGV[1]), tonumber(ARGV[2])
          local sv, se = tonumber(version) or -1, tonumber(epoch) or -1
          if payload == nil or iv > sv or (iv == sv and ie > se) then
            version, epoch, payload, result = ARGV[1], ARGV[2], ARGV[3], 1
          elseif iv == sv and ie == se then
            result = 2
          end
        elseif markers == '' then
          redis.call('DEL', KEYS[1])
          return 0
        end
        if token == '' and result == 0 then return 0 end
        local value = version .. '\31' .. epoch .. '\31' .. markers
        if payload ~= nil then value = value .. '\31' .. payload end
        local ttl = tonumber(ARGV[4])
        if markers ~= '' then ttl = math.max(tonumber(ARGV[6]), redis.call('PTTL', KEYS[1])) end
        redis.call('SET', KEYS[1], value, 'PX', ttl)
        return result
        """;
}
