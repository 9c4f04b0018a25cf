using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ChatFlow.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using static ChatFlow.Channels.WebChat.Tests.Api.WebChatClient;

namespace ChatFlow.Channels.WebChat.Tests.Conformance;

/// <summary>
/// The web chat under the conformance kit. Its "platform" is the visitor's browser: the harness runs the real web chat
/// (<c>AddWebChat()</c> and <c>MapWebChat()</c> in a loopback host, <see cref="WebChatHost"/>) with the kit's dispatcher,
/// becomes a visitor over HTTP (a token from <c>/api/visitors</c>, a first message through <c>/api/messages</c>, whose
/// address is the conversation the bot writes to) and reads what that visitor gets from the event stream
/// (<c>/api/events</c>), as the widget does. The web chat has no webhook: visitors post to its own API.
/// </summary>
internal sealed class WebChatHarness : ChannelHarness
{
    private WebChatHost? _host;
    private HttpClient? _client;
    private WebChatChannel? _channel;
    private ConversationAddress? _user;
    private string? _token;
    private long _seen;

    public override IChatChannel Channel => _channel ?? throw NotStarted();

    public override ConversationAddress User => _user ?? throw NotStarted();

    public override async ValueTask StartAsync(IChatDispatcher dispatcher, CancellationToken cancellationToken)
    {
        var bot = new AddressRecorder(dispatcher);
        _host = await WebChatHost.StartAsync(dispatcher: bot);
        _client = _host.CreateClient();
        _channel = _host.Services.GetRequiredService<WebChatChannel>();

        // A visitor opens the chat and says hello; the bot answers to the address that message came from.
        _token = await IssueAsync(_client);
        using var hello = await PostAsync(_client, _token, new { clientId = "conformance-hello", text = "Hello" });
        hello.EnsureSuccessStatusCode();
        _user = bot.Address ?? throw new InvalidOperationException("The visitor's first message did not reach the bot.");
    }

    /// <summary>
    /// Reads the visitor's event stream from after the last entry seen up to its <c>ready</c> event, which follows the
    /// backlog, as the widget does when it reconnects; returns the bot's entries as the widget shows them.
    /// </summary>
    public override IReadOnlyList<PlatformMessage> TakeReceived()
    {
        var client = _client ?? throw NotStarted();
        var url = "/webchat/api/events?access_token=" + Uri.EscapeDataString(_token!) + "&after=" + _seen.ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = client.Send(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();

        // The backlog and the ready event are written at once; should they not come, closing the response ends the read.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var abort = timeout.Token.Register(response.Dispose);
        using var reader = new StreamReader(response.Content.ReadAsStream());
        var received = new List<PlatformMessage>();
        var type = "message";
        var data = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Add(line["data: ".Length..]);
            }
            else if (line.Length == 0 && data.Count > 0)
            {
                var json = JsonNode.Parse(string.Join('\n', data))!;
                if (type == "ready")
                {
                    _seen = json["lastId"]!.GetValue<long>();
                    return received;
                }

                if (json["from"]!.GetValue<string>() == "bot")
                {
                    received.Add(ToPlatformMessage(json));
                }

                type = "message";
                data.Clear();
            }
        }

        throw new InvalidOperationException("The event stream ended before its ready event.");
    }

    /// <summary>
    /// The web chat's replies are appended to the visitor's log in this process: there is no platform API in between that
    /// could be rate-limited, be down, refuse a blocked user or answer in another format. <see cref="ConformanceTests"/>
    /// leaves those checks out.
    /// </summary>
    public override void FailNextSend(PlatformFailure failure) =>
        throw new NotSupportedException($"The web chat has no platform between the channel and its visitors' logs that could answer {failure}.");

    public override async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>An entry of the event stream as the widget shows it: its text and its buttons row by row.</summary>
    private static PlatformMessage ToPlatformMessage(JsonNode entry)
    {
        var buttons = new List<PlatformButton>();
        foreach (var row in entry["buttons"]?.AsArray() ?? [])
        {
            foreach (var button in row!.AsArray())
            {
                // A callback button posts its payload back; a reply button posts its label as text, so it carries no data;
                // a link button opens its URL.
                buttons.Add(new PlatformButton(
                    button!["label"]!.GetValue<string>(),
                    button["payload"]?.GetValue<string>(),
                    button["url"]?.GetValue<string>()));
            }
        }

        return new PlatformMessage(entry["text"]?.GetValue<string>(), buttons);
    }

    private static InvalidOperationException NotStarted() => new("Start the harness first.");

    /// <summary>The kit's dispatcher, noting the address of the visitor's messages.</summary>
    private sealed class AddressRecorder(IChatDispatcher inner) : IChatDispatcher
    {
        public ConversationAddress? Address { get; private set; }

        public ValueTask<DispatchResult> DispatchAsync(IncomingMessage message, CancellationToken cancellationToken = default)
        {
            Address ??= message.Address;
            return inner.DispatchAsync(message, cancellationToken);
        }

        public ValueTask EnqueueAsync(IncomingMessage message, CancellationToken cancellationToken = default)
        {
            Address ??= message.Address;
            return inner.EnqueueAsync(message, cancellationToken);
        }
    }
}
