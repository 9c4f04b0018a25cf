using System.Text;
using Telegram.Bot.Types.ReplyMarkups;

namespace ChatFlow.Channels.Telegram;

/// <summary>
/// Turns a ChatFlow keyboard into Telegram reply markup. Inline keyboards carry callback and URL
/// buttons; a keyboard that asks for a contact or location becomes a reply keyboard (Telegram offers
/// those buttons only there); URL buttons on a reply keyboard become lines of text.
/// </summary>
internal static class TelegramMarkup
{
    /// <summary>The byte limit of <c>callback_data</c>.</summary>
    public const int MaxCallbackDataBytes = 64;

    /// <summary>Telegram's limit of a reply keyboard's input field placeholder.</summary>
    private const int MaxPlaceholderLength = 64;

    public static ReplyMarkup? Create(OutgoingMessage message, bool resizeKeyboard, ref string? text)
    {
        if (message.Keyboard is not { } keyboard || keyboard.Count == 0)
        {
            return message.RemoveKeyboard ? new ReplyKeyboardRemove() : null;
        }

        var asksForData = keyboard.AllButtons.Any(b => b.Kind is ButtonKind.RequestContact or ButtonKind.RequestLocation);
        if (keyboard.Inline && !asksForData)
        {
            return new InlineKeyboardMarkup(keyboard.Rows.Select(r => r.Select(InlineButton).ToArray()).Where(r => r.Length > 0).ToArray());
        }

        var links = new StringBuilder();
        var rows = new List<KeyboardButton[]>();
        foreach (var row in keyboard.Rows)
        {
            var buttons = new List<KeyboardButton>();
            foreach (var b in row)
            {
                switch (b.Kind)
                {
                    case ButtonKind.Url:
                        links.Append('\n').Append(b.Label).Append(": ").Append(b.Url);
                        break;
                    case ButtonKind.RequestContact:
                        buttons.Add(new KeyboardButton(b.Label) { RequestContact = true });
                        break;
                    case ButtonKind.RequestLocation:
                        buttons.Add(new KeyboardButton(b.Label) { RequestLocation = true });
                        break;
                    default:
                        buttons.Add(new KeyboardButton(b.Label));
                        break;
                }
            }

            if (buttons.Count > 0)
            {
                rows.Add([.. buttons]);
            }
        }

        if (links.Length > 0)
        {
            text = (text ?? string.Empty) + links;
        }

        if (rows.Count == 0)
        {
            return message.RemoveKeyboard ? new ReplyKeyboardRemove() : null;
        }

        var placeholder = keyboard.Placeholder;
        if (placeholder is { Length: > MaxPlaceholderLength })
        {
            placeholder = placeholder[..MaxPlaceholderLength];
        }

        return new ReplyKeyboardMarkup(rows)
        {
            ResizeKeyboard = resizeKeyboard,
            OneTimeKeyboard = keyboard.OneTime,
            InputFieldPlaceholder = string.IsNullOrEmpty(placeholder) ? null : placeholder,
        };
    }

    /// <summary>Cuts a value to Telegram's 64-byte <c>callback_data</c> limit without splitting a character.</summary>
    public static string FitCallbackData(string value)
    {
        if (Encoding.UTF8.GetByteCount(value) <= MaxCallbackDataBytes)
        {
            return value;
        }

        var end = value.Length;
        while (end > 0 && Encoding.UTF8.GetByteCount(value.AsSpan(0, end)) > MaxCallbackDataBytes)
        {
            end--;
            if (end > 0 && char.IsHighSurrogate(value[end - 1]))
            {
                end--;
            }
        }

        return value[..end];
    }

    private static InlineKeyboardButton InlineButton(Button b) => b.Kind switch
    {
        ButtonKind.Url when b.Url is not null => InlineKeyboardButton.WithUrl(b.Label, b.Url),
        _ => InlineKeyboardButton.WithCallbackData(b.Label, FitCallbackData(b.EffectivePayload)),
    };
}
