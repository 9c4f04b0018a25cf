using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ChatFlow;

/// <summary>
/// The names under which ChatFlow publishes metrics and traces. Listening is opt-in and free when
/// nothing listens.
/// </summary>
public static class ChatFlowTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> and the <see cref="System.Diagnostics.ActivitySource"/>: <c>ChatFlow</c>.</summary>
    public const string Name = "ChatFlow";

    internal static readonly ActivitySource Source = new(Name);
    internal static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Received = Meter.CreateCounter<long>("chatflow.messages.received", "{message}", "Messages dispatched to the bot.");
    internal static readonly Counter<long> Sent = Meter.CreateCounter<long>("chatflow.messages.sent", "{message}", "Replies the channels accepted.");
    internal static readonly Counter<long> Duplicates = Meter.CreateCounter<long>("chatflow.messages.duplicates", "{message}", "Redelivered updates dropped.");
    internal static readonly Counter<long> Fallbacks = Meter.CreateCounter<long>("chatflow.fallbacks", "{message}", "Messages no rule understood.");
    internal static readonly Counter<long> Errors = Meter.CreateCounter<long>("chatflow.errors", "{message}", "Messages whose processing threw in user code.");
    internal static readonly Counter<long> DeliveryFailures = Meter.CreateCounter<long>("chatflow.deliveries.failed", "{attempt}", "Failed send attempts.");
    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("chatflow.processing.duration", "s", "Time to process one message: load, scenario, save and send.");

    /// <summary>The tags of a measurement: the conversation's channel and, for a named bot, the bot (<c>chatflow.bot</c>).</summary>
    internal static TagList Tags(ConversationAddress address, string? bot)
    {
        var tags = new TagList { { "chatflow.channel", address.Channel.Value } };
        if (bot is not null)
        {
            tags.Add("chatflow.bot", bot);
        }

        return tags;
    }
}
