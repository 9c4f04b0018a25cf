using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ChatFlow.Channels.Vk.Outbound;

/// <summary>
/// Derives VK's <c>random_id</c> from a delivery's idempotency key: a positive 32-bit number that is the
/// same for every retry of the same reply part (SHA-256, not <see cref="string.GetHashCode()"/>, which
/// differs per process).
/// </summary>
internal static class RandomId
{
    public static int From(string salt, string idempotencyKey, int part)
    {
        var text = part == 0 ? $"{salt}\n{idempotencyKey}" : $"{salt}\n{idempotencyKey}\n{part}";
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        var value = BinaryPrimitives.ReadInt32LittleEndian(hash) & int.MaxValue;
        return value == 0 ? 1 : value;
    }

    public static string NewSalt() => Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
}
