using System.Security.Cryptography;
using System.Text;

namespace ChatFlow;

/// <summary>
/// Fits a reply to a channel's capabilities: splits long text and captions, lays buttons out
/// within the row and count limits, replaces payloads that are too long with tokens kept in the
/// conversation, and degrades buttons and media the channel cannot show into text.
/// Deterministic, so that a retried reply renders into the same parts.
/// </summary>
internal static class ReplyRenderer
{
    public const char TokenPrefix = '\u2063';
    private const int MaxTokens = 512;

    public static IReadOnlyList<OutgoingMessage> Render(OutgoingMessage message, ChannelCapabilities caps, ConversationState state)
    {
        if (Fits(message, caps))
        {
            return [message];
        }

        var text = message.Text;
        var keyboard = message.Keyboard is null ? null : RenderKeyboard(message.Keyboard, caps, state, ref text);
        var media = message.Media;
        if (media is not null && !caps.SupportsMedia)
        {
            var link = media.IsFileReference ? null : media.Source;
            text = string.IsNullOrEmpty(text) ? link : link is null ? text : text + "\n" + link;
            media = null;
        }

        var parts = new List<OutgoingMessage>();
        if (media is not null)
        {
            var caption = text;
            string? rest = null;
            if (caption is not null && caption.Length > caps.MaxCaptionLength)
            {
                var split = TextSplitter.Split(caption, caps.MaxCaptionLength);
                caption = split[0];
                rest = caption.Length < text!.Length ? text[caption.Length..].TrimStart() : null;
            }

            parts.Add(new OutgoingMessage(caption) { Media = media, RemoveKeyboard = message.RemoveKeyboard });
            text = rest;
        }

        if (!string.IsNullOrEmpty(text))
        {
            foreach (var piece in TextSplitter.Split(text, caps.MaxTextLength))
            {
                parts.Add(new OutgoingMessage(piece) { RemoveKeyboard = message.RemoveKeyboard && parts.Count == 0 });
            }
        }

        if (parts.Count == 0)
        {
            parts.Add(new OutgoingMessage(text ?? string.Empty) { RemoveKeyboard = message.RemoveKeyboard });
        }

        if (keyboard is not null)
        {
            parts[^1] = parts[^1] with { Keyboard = keyboard };
        }

        return parts;
    }

    /// <summary>Resolves a payload token back to the payload it stands for.</summary>
    public static string Resolve(string payload, ConversationState state) =>
        payload.Length > 0 && payload[0] == TokenPrefix && state.PayloadTokens.TryGetValue(payload, out var original) ? original : payload;

    /// <summary>Returns whether a reply can be sent as it is.</summary>
    public static bool Fits(OutgoingMessage m, ChannelCapabilities caps)
    {
        var limit = m.Media is null ? caps.MaxTextLength : caps.MaxCaptionLength;
        if (m.Text is { } t && t.Length > limit)
        {
            return false;
        }

        if (m.Media is not null && !caps.SupportsMedia)
        {
            return false;
        }

        if (m.Keyboard is not { } k)
        {
            return true;
        }

        if (k.Inline ? !caps.SupportsInlineKeyboard : !caps.SupportsReplyKeyboard)
        {
            return false;
        }

        if (k.Rows.Count > caps.MaxButtons)
        {
            return false;
        }

        var count = 0;
        foreach (var row in k.Rows)
        {
            if (row.Count > caps.MaxButtonsPerRow)
            {
                return false;
            }

            foreach (var b in row)
            {
                count++;
                if (!caps.Supports(b.Kind, k.Inline) || b.Label.Length > caps.MaxButtonLabelLength
                    || (CarriesPayload(b) && Encoding.UTF8.GetByteCount(b.EffectivePayload) > caps.MaxButtonPayloadBytes))
                {
                    return false;
                }
            }
        }

        return count <= caps.MaxButtons;
    }

    private static Keyboard? RenderKeyboard(Keyboard keyboard, ChannelCapabilities caps, ConversationState state, ref string? text)
    {
        var inline = keyboard.Inline;
        if (inline && !caps.SupportsInlineKeyboard && caps.SupportsReplyKeyboard)
        {
            inline = false;
        }
        else if (!inline && !caps.SupportsReplyKeyboard && caps.SupportsInlineKeyboard)
        {
            inline = true;
        }

        var keyboardShown = inline ? caps.SupportsInlineKeyboard : caps.SupportsReplyKeyboard;
        var extra = new StringBuilder();
        var rows = new List<IReadOnlyList<Button>>();
        var number = 0;
        var total = 0;
        foreach (var row in keyboard.Rows)
        {
            var current = new List<Button>();
            foreach (var b in row)
            {
                var button = keyboardShown ? Convert(b, caps, inline, state) : null;
                if (button is null)
                {
                    if (b.Kind == ButtonKind.Url)
                    {
                        extra.Append('\n').Append(b.Label).Append(": ").Append(b.Url);
                    }
                    else if (!keyboardShown && b.Kind is ButtonKind.Reply or ButtonKind.Callback)
                    {
                        extra.Append('\n').Append(++number).Append(". ").Append(b.Label);
                    }

                    continue;
                }

                if (total == caps.MaxButtons)
                {
                    break;
                }

                if (current.Count == caps.MaxButtonsPerRow)
                {
                    rows.Add(current);
                    current = [];
                }

                current.Add(button);
                total++;
            }

            if (current.Count > 0)
            {
                rows.Add(current);
            }
        }

        if (extra.Length > 0)
        {
            text = (text ?? string.Empty) + extra;
        }

        return rows.Count == 0 ? null : new Keyboard(rows, inline) { OneTime = keyboard.OneTime, Placeholder = keyboard.Placeholder };
    }

    /// <summary>Whether a button sends a payload back: callback buttons, and reply buttons given an explicit one (VK text buttons carry it).</summary>
    private static bool CarriesPayload(Button b) => b.Kind == ButtonKind.Callback || (b.Kind == ButtonKind.Reply && b.Payload is not null);

    /// <summary>Returns the button as the channel can show it, or null when it cannot be shown as a button.</summary>
    private static Button? Convert(Button b, ChannelCapabilities caps, bool inline, ConversationState state)
    {
        var button = b;
        if (!caps.Supports(b.Kind, inline))
        {
            switch (b.Kind)
            {
                case ButtonKind.Callback when caps.SupportsReplyKeyboard && !inline:
                    button = Button.Reply(b.Label);
                    break;
                case ButtonKind.Reply when caps.SupportsInlineKeyboard && inline:
                    button = Button.Callback(b.Label, b.EffectivePayload);
                    break;
                default:
                    return null;
            }
        }

        if (button.Label.Length > caps.MaxButtonLabelLength)
        {
            button = button with { Label = button.Label[..Math.Max(1, caps.MaxButtonLabelLength - 1)] + "\u2026", Payload = button.EffectivePayload };
        }

        if (CarriesPayload(button) && Encoding.UTF8.GetByteCount(button.EffectivePayload) > caps.MaxButtonPayloadBytes)
        {
            button = button with { Payload = Tokenize(button.EffectivePayload, state) };
        }

        return button;
    }

    private static string Tokenize(string payload, ConversationState state)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(payload), hash);
        var token = TokenPrefix + System.Convert.ToBase64String(hash[..9]).Replace('+', '-').Replace('/', '_');
        if (!state.PayloadTokens.ContainsKey(token))
        {
            if (state.TokensShared)
            {
                state.PayloadTokens = new Dictionary<string, string>(state.PayloadTokens);
                state.TokensShared = false;
            }

            if (state.PayloadTokens.Count >= MaxTokens)
            {
                state.PayloadTokens.Clear();
            }

            state.PayloadTokens[token] = payload;
        }

        return token;
    }
}
