using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace ChatFlow.Benchmarks;

/// <summary>
/// Whole dialogs on both cores: 1,000 conversations each go through a five-message order (/start, Order, a name,
/// a phone, Yes), all conversations at once. The baseline is the bot people write by hand on a messenger client
/// library: a dictionary of sessions and a switch per step, the same replies through the same no-op channel, no
/// store, no de-duplication, no outbox. ChatFlow does the same dialog with a scenario (a form with phone
/// validation and a confirmation), a versioned save per message, duplicate checks and reliable delivery.
/// </summary>
[MemoryDiagnoser]
public class DialogBenchmarks
{
    private const int Conversations = 1_000;
    private static readonly string[] Dialog = ["/start", "Order", "Anna", "+7 999 123-45-67", "Yes"];
    private static readonly Keyboard Menu = Buttons.Rows(["Catalog", "Order"], ["FAQ", "Call an operator"]);
    private static readonly Keyboard YesChange = Buttons.Rows(["Yes", "Change"]);

    private readonly NoopChannel _channel = new();
    private ChatBot _bot = null!;
    private HandWrittenBot _handWritten = null!;
    private ConversationAddress[] _addresses = null!;
    private ChatUser[] _users = null!;
    private long _updates;

    [GlobalSetup]
    public void Setup()
    {
        var scenario = Scenario.Define("shop", s =>
        {
            s.Always().OnCommand("start").GoTo("menu").OnButton("Call an operator").HandOff("asked for a human");
            s.Step("menu").Say("Hi! How can I help?", Menu).OnButton("Order").GoTo("order").OnButton("Catalog").Stay().OnButton("FAQ").Stay();
            s.Form("order", f => f
                .Ask("name", "What is your name?", Input.Text(minLength: 2))
                .Ask("phone", "Your phone number?", Input.Phone())
                .Confirm(c => $"Order for {c["name"]}, {c["phone"]}. Confirm?", yes: "Yes", change: "Change")
                .SayWhenDone("Thank you! Your order is placed.")
                .Then("menu"));
        });
        _bot = ChatBot.Create(b => b.AddScenario(scenario).AddChannel(_channel));
        _handWritten = new HandWrittenBot(_channel);
        _addresses = [.. Enumerable.Range(0, Conversations).Select(i => new ConversationAddress(ChannelId.Test, i.ToString(CultureInfo.InvariantCulture)))];
        _users = [.. _addresses.Select(a => new ChatUser(a.ChatId))];

        // Both bots must really complete the order, or the comparison means nothing.
        ChatFlowBot().GetAwaiter().GetResult();
        HandWritten().GetAwaiter().GetResult();
        var state = _bot.GetConversationAsync(_addresses[^1]).AsTask().GetAwaiter().GetResult();
        if (state is not { Step: "menu" } || state.Values.Get<string>("phone") != "+79991234567" || !_handWritten.Completed(_addresses[^1]))
        {
            throw new InvalidOperationException("A dialog did not complete the order: the benchmark is broken.");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Conversations * 5, Description = "hand-written bot (sessions dictionary + switch)")]
    public Task HandWritten() => RunAsync(m => _handWritten.HandleAsync(m));

    [Benchmark(OperationsPerInvoke = Conversations * 5, Description = "ChatFlow: scenario + form, in-memory store, outbox")]
    public Task ChatFlowBot() => RunAsync(async m => await _bot.DispatchAsync(m));

    /// <summary>The ChatFlow dialogs one conversation after another, for <see cref="DialogProbe"/>.</summary>
    /// <returns>A task that completes when every dialog is done.</returns>
    public async Task ChatFlowSequential()
    {
        for (var i = 0; i < Conversations; i++)
        {
            foreach (var text in Dialog)
            {
                var update = Interlocked.Increment(ref _updates).ToString(CultureInfo.InvariantCulture);
                await _bot.DispatchAsync(new IncomingMessage(_addresses[i], _users[i], text.StartsWith('/') ? new CommandContent("start") : new TextContent(text)) { UpdateId = update });
            }
        }
    }

    private Task RunAsync(Func<IncomingMessage, Task> handle) =>
        Parallel.ForEachAsync(Enumerable.Range(0, Conversations), async (i, _) =>
        {
            foreach (var text in Dialog)
            {
                var update = Interlocked.Increment(ref _updates).ToString(CultureInfo.InvariantCulture);
                await handle(new IncomingMessage(_addresses[i], _users[i], text.StartsWith('/') ? new CommandContent("start") : new TextContent(text)) { UpdateId = update });
            }
        });

    /// <summary>The usual hand-written bot: a session per chat and a switch over its step.</summary>
    private sealed class HandWrittenBot(IChatChannel channel)
    {
        private readonly ConcurrentDictionary<ConversationAddress, Session> _sessions = new();

        public bool Completed(ConversationAddress address) =>
            _sessions.TryGetValue(address, out var session) && session is { Step: "menu", Name: "Anna", Phone: "+79991234567" };

        public async Task HandleAsync(IncomingMessage message)
        {
            var session = _sessions.GetOrAdd(message.Address, _ => new Session());
            var text = message.Text ?? string.Empty;
            OutgoingMessage reply;
            lock (session)
            {
                if (message.Content is CommandContent { Name: "start" })
                {
                    session.Step = "menu";
                    reply = new OutgoingMessage("Hi! How can I help?", Menu);
                }
                else
                {
                    switch (session.Step)
                    {
                        case "menu" when text == "Order":
                            session.Step = "name";
                            reply = "What is your name?";
                            break;
                        case "name" when text.Trim().Length >= 2:
                            session.Name = text.Trim();
                            session.Step = "phone";
                            reply = "Your phone number?";
                            break;
                        case "phone" when Phone(text) is { } phone:
                            session.Phone = phone;
                            session.Step = "confirm";
                            reply = new OutgoingMessage($"Order for {session.Name}, {session.Phone}. Confirm?", YesChange);
                            break;
                        case "confirm" when text == "Yes":
                            session.Step = "menu";
                            reply = "Thank you! Your order is placed.";
                            break;
                        default:
                            reply = "Sorry, I didn't understand.";
                            break;
                    }
                }
            }

            await channel.SendAsync(new OutgoingDelivery(message.Address, reply, message.UpdateId ?? string.Empty), CancellationToken.None);
            if (reply.Text == "Thank you! Your order is placed.")
            {
                await channel.SendAsync(new OutgoingDelivery(message.Address, new OutgoingMessage("Hi! How can I help?", Menu), message.UpdateId + "-menu"), CancellationToken.None);
            }
        }

        private static string? Phone(string text)
        {
            var digits = new string([.. text.Where(char.IsDigit)]);
            return digits.Length is >= 10 and <= 15 ? "+" + digits : null;
        }

        private sealed class Session
        {
            public string Step { get; set; } = "menu";

            public string? Name { get; set; }

            public string? Phone { get; set; }
        }
    }
}
