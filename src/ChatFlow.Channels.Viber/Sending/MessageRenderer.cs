using System.Globalization;

namespace ChatFlow.Channels.Viber;

/// <summary>
/// Turns one reply into the Viber messages that show it: a text, or a picture with its caption,
/// or a file, video or link preceded by its caption as text. The keyboard goes with the last
/// message. Receivers are set by the caller.
/// </summary>
internal static class MessageRenderer
{
    /// <summary>Shown when a reply has buttons but no text: Viber needs text in a text message.</summary>
    public const string KeyboardOnlyText = "\u2063";

    public const int MaxFileNameLength = 256;

    /// <summary>Renders a reply; <paramref name="error"/> says why it cannot be sent when the result is null.</summary>
    /// <param name="message">The reply.</param>
    /// <param name="options">The channel's options.</param>
    /// <param name="trackingData">The <c>tracking_data</c> for every message.</param>
    /// <param name="mediaSize">The size of the reply's file, when known (Viber needs it for files and videos).</param>
    /// <param name="error">Why the reply cannot be sent.</param>
    public static List<SendMessageRequest>? Render(OutgoingMessage message, ViberOptions options, string? trackingData, long? mediaSize, out string? error)
    {
        error = null;
        var keyboard = KeyboardRenderer.Render(message.Keyboard, options, out var needsApi3);
        var sender = new SenderInfo { Name = options.SenderName, Avatar = options.SenderAvatar?.AbsoluteUri };
        var minApi = needsApi3 ? Math.Max(options.MinApiVersion, 3) : options.MinApiVersion;
        SendMessageRequest New(string type) => new() { Type = type, Sender = sender, MinApiVersion = minApi, TrackingData = trackingData };

        var requests = new List<SendMessageRequest>(2);
        if (message.Media is not { } media)
        {
            var text = New("text");
            text.Text = string.IsNullOrEmpty(message.Text) ? KeyboardOnlyText : message.Text;
            requests.Add(text);
        }
        else
        {
            var item = RenderMedia(media, mediaSize, New, out error);
            if (item is null)
            {
                return null;
            }

            if (item.Type == "picture")
            {
                item.Text = message.Text ?? string.Empty;
            }
            else if (!string.IsNullOrEmpty(message.Text))
            {
                var caption = New("text");
                caption.Text = message.Text;
                requests.Add(caption);
            }

            requests.Add(item);
        }

        requests[^1].Keyboard = keyboard;
        return requests;
    }

    /// <summary>Returns whether a reply's file needs its size looked up (files and videos sent by URL).</summary>
    public static bool NeedsSize(MediaAttachment media) => !media.IsFileReference && Kind(media) is "file" or "video";

    private static SendMessageRequest? RenderMedia(MediaAttachment media, long? size, Func<string, SendMessageRequest> create, out string? error)
    {
        error = null;
        if (media.IsFileReference)
        {
            if (media.Kind == MediaKind.Sticker && long.TryParse(media.Source, NumberStyles.None, CultureInfo.InvariantCulture, out var stickerId))
            {
                var sticker = create("sticker");
                sticker.StickerId = stickerId;
                return sticker;
            }

            error = $"Viber cannot send a {media.Kind} by file reference; give its URL instead (or a numeric sticker id).";
            return null;
        }

        var kind = Kind(media);
        if (kind is "file" or "video" && size is null)
        {
            // Viber needs the size of files and videos; without it the link is sent as a URL message.
            kind = "url";
        }

        var request = create(kind);
        request.Media = media.Source;
        if (kind is "file" or "video")
        {
            request.Size = size;
        }

        if (kind == "file")
        {
            request.FileName = FileName(media);
        }

        return request;
    }

    private static string Kind(MediaAttachment media)
    {
        if (media.Kind == MediaKind.Photo || media.Kind == MediaKind.Sticker)
        {
            return "picture";
        }

        if (media.Kind == MediaKind.Video)
        {
            return "video";
        }

        return media.Kind.Value == "url" ? "url" : "file";
    }

    private static string FileName(MediaAttachment media)
    {
        var name = media.FileName;
        if (string.IsNullOrWhiteSpace(name) && Uri.TryCreate(media.Source, UriKind.Absolute, out var uri))
        {
            name = Uri.UnescapeDataString(uri.Segments[^1]).Trim('/');
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            name = "file";
        }

        return name.Length <= MaxFileNameLength ? name : name[..MaxFileNameLength];
    }
}
