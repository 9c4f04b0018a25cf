namespace ChatFlow.Channels.WebChat.Conversations;

/// <summary>One message in a visitor's log, as the widget receives it.</summary>
internal sealed record WebChatEntry(long Id, string From, DateTimeOffset Time)
{
    public const string Visitor = "visitor";
    public const string Bot = "bot";

    public string? Text { get; init; }

    public IReadOnlyList<IReadOnlyList<WebChatButton>>? Buttons { get; init; }

    public bool Inline { get; init; }

    public bool OneTime { get; init; }

    public bool RemoveKeyboard { get; init; }

    public string? Placeholder { get; init; }

    public WebChatMedia? Media { get; init; }
}

/// <summary>A button as the widget shows it.</summary>
internal sealed record WebChatButton(string Label, string Kind, string? Payload, string? Url);

/// <summary>Media the widget shows by URL.</summary>
internal sealed record WebChatMedia(string Kind, string Url, string? FileName);
