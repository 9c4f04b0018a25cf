using ChatFlow;

namespace ShopBot;

/// <summary>
/// A channel for the terminal: prints replies with numbered buttons and turns typed input into
/// messages (a number or a label presses a button).
/// </summary>
public sealed class ConsoleChannel(TextWriter output) : IChatChannel
{
    private readonly Lock _gate = new();
    private Keyboard? _lastKeyboard;

    /// <inheritdoc />
    public ChannelId Id => ChannelId.Console;

    /// <inheritdoc />
    public ChannelCapabilities Capabilities { get; } = new()
    {
        SupportsRequestContact = false,
        SupportsRequestLocation = false,
        SupportsMedia = false,
        SupportsEditing = false,
        MaxTextLength = 4000,
    };

    /// <inheritdoc />
    public ValueTask<DeliveryResult> SendAsync(OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        lock (_gate)
        {
            var message = delivery.Message;
            foreach (var line in (message.Text ?? string.Empty).Split('\n'))
            {
                output.WriteLine("bot> " + line);
            }

            if (message.Keyboard is { } keyboard)
            {
                _lastKeyboard = keyboard;
                var n = 0;
                foreach (var row in keyboard.Rows)
                {
                    output.WriteLine("     " + string.Join("  ", row.Select(b => $"[{++n}] {b.Label}")));
                }
            }
            else if (message.RemoveKeyboard)
            {
                _lastKeyboard = null;
            }

            output.Flush();
        }

        return ValueTask.FromResult(DeliveryResult.Sent());
    }

    /// <summary>Turns a typed line into message content: a button press, a command or text.</summary>
    /// <param name="line">The typed line.</param>
    /// <returns>The content.</returns>
    public MessageContent Read(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.Trim();
        Button? pressed = null;
        lock (_gate)
        {
            if (_lastKeyboard is { } keyboard)
            {
                var buttons = keyboard.AllButtons.ToArray();
                pressed = int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= buttons.Length
                    ? buttons[n - 1]
                    : Array.Find(buttons, b => string.Equals(b.Label, text, StringComparison.OrdinalIgnoreCase));
            }
        }

        return pressed switch
        {
            { Kind: ButtonKind.Callback } b => new ButtonContent(b.EffectivePayload, b.Label),
            { Kind: ButtonKind.Reply } b => new TextContent(b.Label),
            _ when CommandContent.TryParse(text, out var command) => command,
            _ => new TextContent(line),
        };
    }
}
