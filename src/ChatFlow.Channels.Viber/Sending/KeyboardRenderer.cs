namespace ChatFlow.Channels.Viber;

/// <summary>
/// Lays a ChatFlow keyboard out as a Viber keyboard: each row is six columns wide and shared
/// evenly by its buttons. Reply buttons send their payload as text; callback buttons become
/// silent reply buttons whose body carries a marker, so that their press maps back to a
/// <see cref="ButtonContent"/>; link, share-phone and location buttons use Viber's action types.
/// </summary>
internal static class KeyboardRenderer
{
    /// <summary>Marks the body of a callback button (an invisible word joiner and <c>cb:</c>).</summary>
    public const string CallbackPrefix = "\u2060cb:";

    public const int ColumnsPerRow = 6;

    public static KeyboardDto? Render(Keyboard? keyboard, ViberOptions options, out bool needsApiLevel3)
    {
        needsApiLevel3 = false;
        if (keyboard is null || keyboard.Count == 0)
        {
            return null;
        }

        var buttons = new List<ButtonDto>(keyboard.Count);
        foreach (var row in keyboard.Rows)
        {
            for (var start = 0; start < row.Count; start += ColumnsPerRow)
            {
                var count = Math.Min(ColumnsPerRow, row.Count - start);
                for (var i = 0; i < count; i++)
                {
                    var columns = (ColumnsPerRow / count) + (i < ColumnsPerRow % count ? 1 : 0);
                    var button = row[start + i];
                    needsApiLevel3 |= button.Kind is ButtonKind.RequestContact or ButtonKind.RequestLocation;
                    buttons.Add(Render(button, columns, options));
                }
            }
        }

        return new KeyboardDto
        {
            DefaultHeight = options.KeyboardDefaultHeight,
            BgColor = options.KeyboardBackgroundColor,
            InputFieldState = "regular",
            Buttons = buttons,
        };
    }

    private static ButtonDto Render(Button button, int columns, ViberOptions options) => button.Kind switch
    {
        ButtonKind.Callback => new ButtonDto
        {
            Columns = columns,
            ActionType = "reply",
            ActionBody = CallbackPrefix + button.EffectivePayload,
            Text = button.Label,
            TextSize = options.ButtonTextSize,
            BgColor = options.ButtonBackgroundColor,
            Silent = true,
        },
        ButtonKind.Url => new ButtonDto
        {
            Columns = columns,
            ActionType = "open-url",
            ActionBody = button.Url ?? button.Label,
            Text = button.Label,
            TextSize = options.ButtonTextSize,
            BgColor = options.ActionButtonBackgroundColor,
        },
        ButtonKind.RequestContact => new ButtonDto
        {
            Columns = columns,
            ActionType = "share-phone",
            ActionBody = "share_phone",
            Text = button.Label,
            TextSize = options.ButtonTextSize,
            BgColor = options.ActionButtonBackgroundColor,
        },
        ButtonKind.RequestLocation => new ButtonDto
        {
            Columns = columns,
            ActionType = "location-picker",
            ActionBody = "location",
            Text = button.Label,
            TextSize = options.ButtonTextSize,
            BgColor = options.ActionButtonBackgroundColor,
        },
        _ => new ButtonDto
        {
            Columns = columns,
            ActionType = "reply",
            ActionBody = button.EffectivePayload,
            Text = button.Label,
            TextSize = options.ButtonTextSize,
            BgColor = options.ButtonBackgroundColor,
        },
    };
}
