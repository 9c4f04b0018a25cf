using System.Net;
using System.Net.Sockets;

namespace ChatFlow.Channels.WebChat.Visitors;

/// <summary>
/// Limits how many visitor tokens one client network gets per minute (a sliding window), so that nobody can
/// create visitors by the thousand and push real ones out of memory. A client is its IPv4 address, or the /64
/// network of its IPv6 address (one subscriber's usual share). Clients quiet for a minute are forgotten.
/// </summary>
internal sealed class NewVisitorLimiter(int perMinute, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SlidingWindow> _clients = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>Gets how many clients are remembered (for tests).</summary>
    public int TrackedClients
    {
        get
        {
            lock (_gate)
            {
                return _clients.Count;
            }
        }
    }

    /// <summary>Takes one new visitor from the client's allowance, or says how long to wait.</summary>
    public bool TryTake(IPAddress? address, out TimeSpan retryAfter)
    {
        var key = ClientOf(address);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (now >= _nextSweep)
            {
                Sweep(now);
                _nextSweep = now + Window;
            }

            if (!_clients.TryGetValue(key, out var recent))
            {
                recent = new SlidingWindow();
                _clients.Add(key, recent);
            }

            return recent.TryTake(now, perMinute, Window, out retryAfter);
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        List<string>? quiet = null;
        foreach (var (key, recent) in _clients)
        {
            if (recent.IsQuiet(now, Window))
            {
                (quiet ??= []).Add(key);
            }
        }

        foreach (var key in quiet ?? [])
        {
            _clients.Remove(key);
        }
    }

    private static string ClientOf(IPAddress? address)
    {
        if (address is null)
        {
            // No peer address (an in-process server): all such requests share one allowance.
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return Convert.ToHexString(bytes[..8]) + "::/64";
    }
}
