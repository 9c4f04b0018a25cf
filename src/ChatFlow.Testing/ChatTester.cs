using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace ChatFlow.Testing;

/// <summary>
/// Drives one conversation with a bot, with no messenger: send text, press buttons, share a
/// contact or location, move a fake clock; then assert on the replies, the step and the values.
/// A failed assertion throws <see cref="ChatAssertionException"/> with the transcript, so it
/// works with any test framework.
/// </summary>
public sealed class ChatTester : IAsyncDisposable
{
    private readonly List<string> _transcript;
    private readonly bool _ownsBot;
    private static long s_nextUpdate;
    private int _seen;

    /// <summary>Creates a bot with <paramref name="scenario"/> as its main scenario, a <see cref="TestChannel"/> and a fake clock, and a tester for its first conversation.</summary>
    /// <param name="scenario">The main scenario.</param>
    /// <param name="configure">Adds sub-scenarios, middleware, services or options.</param>
    /// <param name="capabilities">What the test channel claims to show; everything when null.</param>
    public ChatTester(Scenario scenario, Action<ChatBotBuilder>? configure = null, ChannelCapabilities? capabilities = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        Channel = new TestChannel(capabilities);
        Bot = ChatBot.Create(b =>
        {
            b.AddScenario(scenario).AddChannel(Channel).UseTimeProvider(Clock);
            configure?.Invoke(b);
        });
        Address = new ConversationAddress(Channel.Id, "1");
        User = new ChatUser("1", "Test User");
        _transcript = [];
        _ownsBot = true;
    }

    private ChatTester(ChatTester other, string chatId)
    {
        Clock = other.Clock;
        Channel = other.Channel;
        Bot = other.Bot;
        Address = new ConversationAddress(Channel.Id, chatId);
        User = new ChatUser(chatId, "Test User " + chatId);
        _transcript = [];
    }

    /// <summary>Gets the bot under test.</summary>
    public ChatBot Bot { get; }

    /// <summary>Gets the channel the bot replies through.</summary>
    public TestChannel Channel { get; }

    /// <summary>Gets the fake clock the bot runs on.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>Gets the conversation this tester drives.</summary>
    public ConversationAddress Address { get; }

    /// <summary>Gets the user who sends the messages.</summary>
    public ChatUser User { get; }

    /// <summary>Gets the replies to the last action.</summary>
    public IReadOnlyList<OutgoingMessage> Replies { get; private set; } = [];

    /// <summary>Gets the last reply the bot sent in this conversation, or null.</summary>
    public OutgoingMessage? LastReply => Channel.SentTo(Address).LastOrDefault()?.Message;

    /// <summary>Gets the conversation as stored after the last action, or null before it exists.</summary>
    public ConversationState? State { get; private set; }

    /// <summary>Gets the current step after the last action.</summary>
    public string? Step => State?.Step;

    /// <summary>Gets the collected values after the last action.</summary>
    public ConversationValues Values => State?.Values ?? new ConversationValues();

    /// <summary>Gets the result of the last dispatched message.</summary>
    public DispatchResult LastResult { get; private set; }

    /// <summary>Gets the transcript: each user action and each reply, one line each.</summary>
    public string Transcript => string.Join(Environment.NewLine, _transcript);

    /// <summary>Returns a tester for another conversation with the same bot, channel and clock.</summary>
    /// <param name="chatId">The other conversation's chat id.</param>
    /// <returns>The tester.</returns>
    public ChatTester Other(string chatId) => new(this, chatId);

    /// <summary>Sends text; text starting with <c>/</c> is sent as a command.</summary>
    /// <param name="text">The text.</param>
    /// <returns>This tester, for assertions.</returns>
    public Task<ChatTester> SendAsync(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        MessageContent content = CommandContent.TryParse(text, out var command) ? command : new TextContent(text);
        return SendAsync(content, "> " + text);
    }

    /// <summary>
    /// Presses a button of the last keyboard shown in this conversation, by label or payload: a reply
    /// button sends its label as text, a callback button its payload.
    /// </summary>
    /// <param name="button">The button's label or payload.</param>
    /// <returns>This tester, for assertions.</returns>
    /// <exception cref="ChatAssertionException">The last keyboard has no such button.</exception>
    public Task<ChatTester> PressAsync(string button)
    {
        ArgumentNullException.ThrowIfNull(button);
        var keyboard = Channel.SentTo(Address).Select(d => d.Message.Keyboard).LastOrDefault(k => k is not null);
        var match = keyboard?.AllButtons.FirstOrDefault(b => string.Equals(b.Label, button, StringComparison.OrdinalIgnoreCase))
            ?? keyboard?.AllButtons.FirstOrDefault(b => b.Payload == button);
        if (match is null)
        {
            throw Fail($"Expected a button '{button}' on the last keyboard, but it offers: {Describe(keyboard)}.");
        }

        MessageContent content = match.Kind switch
        {
            ButtonKind.Callback => new ButtonContent(match.EffectivePayload, match.Label) { CallbackId = "cb" + Interlocked.Read(ref s_nextUpdate) },
            ButtonKind.Reply => new TextContent(match.Label),
            _ => throw Fail($"Button '{button}' is a {match.Kind} button; use ShareContactAsync or ShareLocationAsync, or follow its URL."),
        };
        return SendAsync(content, $"> [{match.Label}]");
    }

    /// <summary>Shares a contact, by default the user's own phone number.</summary>
    /// <param name="phoneNumber">The phone number.</param>
    /// <param name="own">Whether it is the user's own number.</param>
    /// <returns>This tester, for assertions.</returns>
    public Task<ChatTester> ShareContactAsync(string phoneNumber, bool own = true) =>
        SendAsync(new ContactContent(phoneNumber) { IsOwn = own, UserId = own ? User.Id : null, FirstName = User.DisplayName }, "> (contact " + phoneNumber + ")");

    /// <summary>Shares a location.</summary>
    /// <param name="latitude">Latitude in degrees.</param>
    /// <param name="longitude">Longitude in degrees.</param>
    /// <returns>This tester, for assertions.</returns>
    public Task<ChatTester> ShareLocationAsync(double latitude, double longitude) =>
        SendAsync(new LocationContent(latitude, longitude), string.Create(CultureInfo.InvariantCulture, $"> (location {latitude}, {longitude})"));

    /// <summary>Sends any content.</summary>
    /// <param name="content">The content.</param>
    /// <param name="transcriptLine">How the action appears in the transcript.</param>
    /// <returns>This tester, for assertions.</returns>
    public async Task<ChatTester> SendAsync(MessageContent content, string? transcriptLine = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var id = Interlocked.Increment(ref s_nextUpdate);
        var message = new IncomingMessage(Address, User, content)
        {
            UpdateId = id.ToString(CultureInfo.InvariantCulture),
            MessageId = id.ToString(CultureInfo.InvariantCulture),
            Timestamp = Clock.GetUtcNow(),
        };
        _transcript.Add(transcriptLine ?? "> " + content);
        LastResult = await Bot.DispatchAsync(message).ConfigureAwait(false);
        await CollectAsync().ConfigureAwait(false);
        return this;
    }

    /// <summary>Moves the fake clock forward and runs what became due (step timeouts, retries).</summary>
    /// <param name="delay">How far to move the clock.</param>
    /// <returns>This tester, for assertions.</returns>
    public async Task<ChatTester> AdvanceAsync(TimeSpan delay)
    {
        Clock.Advance(delay);
        _transcript.Add($"(+{delay})");
        await Bot.RunDueWorkAsync().ConfigureAwait(false);
        await CollectAsync().ConfigureAwait(false);
        return this;
    }

    /// <summary>Asserts that a reply to the last action contains <paramref name="text"/> (ignoring case).</summary>
    /// <param name="text">The expected fragment.</param>
    /// <returns>This tester.</returns>
    public ChatTester ShouldReply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Replies.Any(r => r.Text?.Contains(text, StringComparison.OrdinalIgnoreCase) == true))
        {
            throw Fail($"Expected a reply containing \"{text}\".");
        }

        return this;
    }

    /// <summary>Asserts that the last action got no reply.</summary>
    /// <returns>This tester.</returns>
    public ChatTester ShouldNotReply()
    {
        if (Replies.Count > 0)
        {
            throw Fail($"Expected no reply, but got {Replies.Count}.");
        }

        return this;
    }

    /// <summary>Asserts that the replies to the last action offer buttons with these labels, in order.</summary>
    /// <param name="labels">The expected labels.</param>
    /// <returns>This tester.</returns>
    public ChatTester ShouldOfferButtons(params string[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var keyboard = Replies.Select(r => r.Keyboard).LastOrDefault(k => k is not null);
        var offered = keyboard?.AllButtons.Select(b => b.Label).ToArray() ?? [];
        if (!offered.SequenceEqual(labels))
        {
            throw Fail($"Expected buttons [{string.Join(", ", labels)}], but got [{string.Join(", ", offered)}].");
        }

        return this;
    }

    /// <summary>Asserts that the conversation is at <paramref name="step"/>.</summary>
    /// <param name="step">The expected step (a form question as <c>form/question</c>).</param>
    /// <returns>This tester.</returns>
    public ChatTester ShouldBeAt(string? step)
    {
        if (Step != step)
        {
            throw Fail($"Expected the conversation at step '{step ?? "(none)"}', but it is at '{Step ?? "(none)"}'.");
        }

        return this;
    }

    /// <summary>Asserts that a collected value equals <paramref name="expected"/>.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="name">The value's name.</param>
    /// <param name="expected">The expected value.</param>
    /// <returns>This tester.</returns>
    public ChatTester ShouldHaveValue<T>(string name, T expected)
    {
        if (!Values.TryGetValue(name, out var actual))
        {
            throw Fail($"Expected a value '{name}' = {expected}, but there is none.");
        }

        if (actual is not T typed || !EqualityComparer<T>.Default.Equals(typed, expected))
        {
            throw Fail($"Expected '{name}' = {expected} ({typeof(T).Name}), but it is {actual} ({actual.GetType().Name}).");
        }

        return this;
    }

    /// <summary>Disposes the bot when this tester created it.</summary>
    /// <returns>A task that completes when the bot has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_ownsBot)
        {
            await Bot.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task CollectAsync()
    {
        var sent = Channel.SentTo(Address);
        Replies = sent.Skip(_seen).Select(d => d.Message).ToArray();
        _seen = sent.Count;
        foreach (var reply in Replies)
        {
            _transcript.Add("< " + Format(reply));
        }

        State = await Bot.GetConversationAsync(Address).ConfigureAwait(false);
    }

    private ChatAssertionException Fail(string message) =>
        new($"{message}{Environment.NewLine}Step: {Step ?? "(none)"}{Environment.NewLine}Transcript:{Environment.NewLine}{Transcript}");

    private static string Format(OutgoingMessage reply)
    {
        var sb = new StringBuilder();
        if (reply.Media is { } media)
        {
            sb.Append('[').Append(media.Kind).Append(' ').Append(media.Source).Append("] ");
        }

        sb.Append(reply.Text?.ReplaceLineEndings(" / "));
        if (reply.Keyboard is { } k)
        {
            sb.Append("  ").Append(Describe(k));
        }

        return sb.ToString();
    }

    private static string Describe(Keyboard? keyboard) =>
        keyboard is null ? "no buttons" : string.Join(" ", keyboard.Rows.Select(r => string.Concat(r.Select(b => "[" + b.Label + "]"))));
}
