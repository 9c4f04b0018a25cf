using Microsoft.Extensions.Logging;

namespace ChatFlow;

/// <summary>Warns at start-up where a channel cannot show what a scenario's declared replies ask for.</summary>
internal static class CapabilityCheck
{
    public static void Warn(ILogger logger, IEnumerable<Scenario> scenarios, IEnumerable<IChatChannel> channels)
    {
        if (!logger.IsEnabled(LogLevel.Warning))
        {
            return;
        }

        foreach (var channel in channels)
        {
            var caps = channel.Capabilities;
            foreach (var scenario in scenarios)
            {
                foreach (var step in scenario.StepDefinitions.Append(scenario.Global))
                {
                    var where = step.Name == Scenario.RootState ? "global rules" : "step " + step.Name;
                    foreach (var reply in step.DeclaredReplies.Concat(step.AllRules().SelectMany(r => r.DeclaredReplies)))
                    {
                        Check(logger, channel.Id, caps, scenario.Id, where, reply);
                    }
                }
            }
        }
    }

    private static void Check(ILogger logger, ChannelId channel, ChannelCapabilities caps, string scenario, string where, OutgoingMessage reply)
    {
        if (reply.Media is not null && !caps.SupportsMedia)
        {
            Log.CapabilityWarning(logger, channel, "media", scenario, where, "sent as a link in the text");
        }

        if (reply.Keyboard is not { } keyboard)
        {
            return;
        }

        if (keyboard.Count > caps.MaxButtons)
        {
            Log.CapabilityWarning(logger, channel, $"{keyboard.Count} buttons", scenario, where, $"only the first {caps.MaxButtons} are shown");
        }

        foreach (var button in keyboard.AllButtons)
        {
            if (!caps.Supports(button.Kind, keyboard.Inline))
            {
                var degradation = button.Kind switch
                {
                    ButtonKind.Url => "shown as a link in the text",
                    ButtonKind.RequestContact or ButtonKind.RequestLocation => "left out; the user types the answer",
                    _ => "shown as another kind of button or as text",
                };
                Log.CapabilityWarning(logger, channel, $"button '{button.Label}' ({button.Kind})", scenario, where, degradation);
            }
        }
    }
}
