using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChatFlow.Channels.Telegram.Tests;

/// <summary>A logger factory whose loggers write into one <see cref="FakeLogCollector"/>, at every level.</summary>
internal sealed class FakeLogCollectorFactory : ILoggerFactory
{
    public FakeLogCollector Collector { get; } = new();

    public ILogger CreateLogger(string categoryName) => new FakeLogger(Collector, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}
