using System.Text;
using ChatFlow.Channels.Vk.Tests.Fakes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChatFlow.Channels.Vk.Tests;

public sealed class LoggingTests
{
    [Fact]
    public async Task Logs_AtEveryLevel_NeverHoldTokenOrSecret()
    {
        var collector = FakeLogCollector.Create(new FakeLogCollectorOptions());
        using var factory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(collector)).SetMinimumLevel(LogLevel.Trace));
        await using var vk = await VkTestContext.StartAsync(loggerFactory: factory);

        vk.Server.Enqueue("messages.send", Fixture.Text("error_901_deny_send.json"));
        await vk.Channel.SendAsync(VkTestContext.Delivery("Private text"), default);
        vk.Server.Enqueue("messages.send", "{\"error\":{\"error_code\":911,\"error_msg\":\"Keyboard format is invalid\"}}");
        var result = await vk.Channel.SendAsync(VkTestContext.Delivery("Private text", "k2"), default);
        vk.Server.Enqueue("messages.send", new FakeReply("{broken"));
        await vk.Channel.SendAsync(VkTestContext.Delivery("Private text", "k3"), default);
        await vk.Handler.HandleAsync(Fixture.Request(Fixture.With("callback_message_new_text.json", (Fixture.Secret, "guess"))), default);
        await vk.Handler.HandleAsync(Fixture.Request(Encoding.UTF8.GetBytes("{bad")), default);
        await vk.Handler.HandleAsync(Fixture.Request(Fixture.Bytes("callback_message_event.json")), default);

        var records = collector.GetSnapshot();
        Assert.Contains(records, r => r.Id.Id == 4107 && r.Message.Contains("911", StringComparison.Ordinal) && r.Message.Contains("Keyboard format is invalid", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Id.Id == 4108);
        Assert.Contains(records, r => r.Id.Id == 4103);
        Assert.Equal(DeliveryStatus.Failed, result.Status);
        foreach (var record in records)
        {
            var text = record.Message + record.Exception;
            Assert.DoesNotContain(VkTestContext.Token, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Fixture.Secret, text, StringComparison.Ordinal);
            if (record.Level > LogLevel.Trace)
            {
                Assert.DoesNotContain("Private text", text, StringComparison.Ordinal);
            }
        }

        Assert.Contains(records, r => r.Level == LogLevel.Trace && r.Message.Contains("Private text", StringComparison.Ordinal));
    }
}
