using System.Collections.Concurrent;
using System.Net;
using ChatFlow;

namespace ShopBot;

/// <summary>
/// A minimal operator desk kept in memory: conversations the bots handed to a human, what the users wrote since,
/// and the operator's answers and "return to bot". Served at <c>/operator</c> to loopback clients only; a real desk
/// (a help-desk system, a CRM) plugs into the same two hooks, <see cref="ChatBotOptions.OnHandOff"/> and
/// <see cref="ChatBotOptions.OnOperatorMessage"/>, and answers through <see cref="ChatBot.SendAsync"/> and
/// <see cref="ChatBot.ReturnToBotAsync"/>. The loopback check is the sample's only guard: behind a reverse proxy on
/// the same machine every client looks local, so put real authentication in front of a desk before exposing it.
/// </summary>
public sealed class OperatorDesk(IServiceProvider services, TimeProvider time)
{
    /// <summary>The longest answer an operator can send.</summary>
    public const int MaxAnswerLength = 4000;

    private readonly ConcurrentDictionary<int, DeskConversation> _conversations = new();
    private int _nextId;

    /// <summary>Makes the bot named <paramref name="bot"/> report its hand-offs and the messages that follow to the desk.</summary>
    /// <param name="options">The bot's options.</param>
    /// <param name="bot">The bot's name; null for the default bot.</param>
    public static void Attach(ChatBotOptions options, string? bot)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.OnHandOff = (c, reason, _) =>
        {
            c.Services.GetRequiredService<OperatorDesk>().Open(bot, c, reason);
            return ValueTask.CompletedTask;
        };
        options.OnOperatorMessage = (c, _) =>
        {
            c.Services.GetRequiredService<OperatorDesk>().FromUser(bot, c);
            return ValueTask.CompletedTask;
        };
    }

    /// <summary>Gets the conversations waiting for or talking to an operator, oldest first.</summary>
    /// <returns>Copies, safe to serialize.</returns>
    public IReadOnlyList<DeskConversationView> List() =>
        [.. _conversations.Values.OrderBy(c => c.Id).Select(c => c.View())];

    /// <summary>Sends an operator's answer to the user through the bot's channel.</summary>
    /// <param name="id">The desk's conversation id.</param>
    /// <param name="text">The answer.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>False when the desk has no such conversation.</returns>
    public async Task<bool> AnswerAsync(int id, string text, CancellationToken cancellationToken)
    {
        if (!_conversations.TryGetValue(id, out var conversation))
        {
            return false;
        }

        await Bot(conversation.Bot).SendAsync(conversation.Address, [new OutgoingMessage(text)], cancellationToken);
        conversation.Add("operator", text, time.GetUtcNow());
        return true;
    }

    /// <summary>Gives the conversation back to the bot, which greets the user again, and closes it on the desk.</summary>
    /// <param name="id">The desk's conversation id.</param>
    /// <param name="cancellationToken">Cancels the return.</param>
    /// <returns>False when the desk has no such conversation.</returns>
    public async Task<bool> ReturnToBotAsync(int id, CancellationToken cancellationToken)
    {
        if (!_conversations.TryGetValue(id, out var conversation))
        {
            return false;
        }

        await Bot(conversation.Bot).ReturnToBotAsync(conversation.Address, cancellationToken: cancellationToken);
        _conversations.TryRemove(id, out _);
        return true;
    }

    private void Open(string? bot, ConversationContext c, string reason)
    {
        var existing = Find(bot, c.Address);
        var conversation = existing ?? new DeskConversation(Interlocked.Increment(ref _nextId), bot, c.Address, c.User.DisplayName ?? c.User.Id, reason, time.GetUtcNow());
        _conversations.TryAdd(conversation.Id, conversation);
        if (c.Message.Text is { } text)
        {
            conversation.Add("user", text, time.GetUtcNow());
        }
    }

    private void FromUser(string? bot, ConversationContext c)
    {
        if (Find(bot, c.Address) is { } conversation)
        {
            conversation.Add("user", c.Message.Text ?? "(" + c.Message.Content + ")", time.GetUtcNow());
        }
        else
        {
            // Handed off before this process started (the state is durable, the desk is not): open it again.
            Open(bot, c, "still with an operator");
        }
    }

    private DeskConversation? Find(string? bot, ConversationAddress address) =>
        _conversations.Values.FirstOrDefault(c => c.Bot == bot && c.Address == address);

    private ChatBot Bot(string? name) => services.GetRequiredKeyedService<ChatBot>(name);

    /// <summary>Maps the desk: the page at <c>/operator</c> and its API, for clients on this machine only.</summary>
    /// <param name="app">The application.</param>
    public static void Map(IEndpointRouteBuilder app)
    {
        var desk = app.MapGroup("/operator").AddEndpointFilter(async (context, next) =>
            context.HttpContext.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
                ? await next(context)
                : Results.Text("The operator desk answers on this machine only.", statusCode: StatusCodes.Status403Forbidden));
        desk.MapGet("/", () => Results.Content(OperatorPage.Html, "text/html; charset=utf-8"));
        desk.MapGet("/api/conversations", (OperatorDesk d) => Results.Json(d.List()));
        desk.MapPost("/api/conversations/{id:int}/messages", async (int id, AnswerRequest request, OperatorDesk d, CancellationToken ct) =>
            string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > MaxAnswerLength
                ? Results.BadRequest(new { error = $"An answer is 1 to {MaxAnswerLength} characters." })
                : await d.AnswerAsync(id, request.Text.Trim(), ct) ? Results.NoContent() : Results.NotFound());
        desk.MapPost("/api/conversations/{id:int}/return", async (int id, OperatorDesk d, CancellationToken ct) =>
            await d.ReturnToBotAsync(id, ct) ? Results.NoContent() : Results.NotFound());
    }

    /// <summary>An operator's answer.</summary>
    /// <param name="Text">The text to send.</param>
    public sealed record AnswerRequest(string? Text);

    private sealed class DeskConversation(int id, string? bot, ConversationAddress address, string user, string reason, DateTimeOffset since)
    {
        private readonly List<DeskLine> _lines = [];

        public int Id => id;

        public string? Bot => bot;

        public ConversationAddress Address => address;

        public void Add(string from, string text, DateTimeOffset at)
        {
            lock (_lines)
            {
                _lines.Add(new DeskLine(from, text, at));
            }
        }

        public DeskConversationView View()
        {
            lock (_lines)
            {
                return new DeskConversationView(id, bot ?? "shop", address.Channel.Value, address.ChatId, user, reason, since, [.. _lines]);
            }
        }
    }
}

/// <summary>A conversation on the operator desk.</summary>
/// <param name="Id">The desk's id for it.</param>
/// <param name="Bot">The bot that handed it off.</param>
/// <param name="Channel">The channel it is on.</param>
/// <param name="Chat">The chat id in that channel.</param>
/// <param name="User">The user's name, or id.</param>
/// <param name="Reason">Why the bot handed it off.</param>
/// <param name="Since">When.</param>
/// <param name="Lines">What the user and the operator wrote since.</param>
public sealed record DeskConversationView(int Id, string Bot, string Channel, string Chat, string User, string Reason, DateTimeOffset Since, IReadOnlyList<DeskLine> Lines);

/// <summary>One line of a desk conversation.</summary>
/// <param name="From"><c>user</c> or <c>operator</c>.</param>
/// <param name="Text">The text.</param>
/// <param name="At">When.</param>
public sealed record DeskLine(string From, string Text, DateTimeOffset At);
