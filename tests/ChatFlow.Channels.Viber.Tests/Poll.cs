using System.Diagnostics;

namespace ChatFlow.Channels.Viber.Tests;

/// <summary>Waits for a condition with a bounded timeout (no fixed sleeps).</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, string what, int timeoutSeconds = 10)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(timeoutSeconds))
            {
                throw new TimeoutException($"Timed out after {timeoutSeconds} s waiting for {what}.");
            }

            await Task.Delay(5);
        }
    }
}
