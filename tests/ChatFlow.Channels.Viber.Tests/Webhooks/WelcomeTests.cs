using System.Text.Json.Nodes;

namespace ChatFlow.Channels.Viber.Tests;

public sealed class WelcomeTests
{
    /// <summary>The keyboard of the fixtures: two reply buttons with payloads, then a share-phone button.</summary>
    internal static readonly Keyboard ServiceKeyboard = new(
    [
        [new Button("Стрижка", Payload: "svc:haircut"), new Button("Фарбування", Payload: "svc:color")],
        [Button.RequestContact("Поділитися номером")],
    ]);

    private static void FixtureLook(ViberOptions o)
    {
        o.SenderAvatar = new Uri("https://cdn.example.com/chatflow/avatar-720.png");
        o.ButtonBackgroundColor = "#E8F4FD";
    }

    private static Scenario WelcomeScenario() => Scenario.Define("salon", s =>
    {
        s.Step("menu")
            .Say(new OutgoingMessage("Вітаємо! Оберіть послугу:", ServiceKeyboard))
            .Otherwise().Say("Оберіть послугу кнопкою.").Stay();
    });

    [Fact]
    public async Task HandleAsync_ConversationStarted_AnswersWithTheWelcomeFixture()
    {
        await using var h = await ViberHarness.StartAsync(
            o =>
            {
                FixtureLook(o);
                o.TrackingData = _ => "flow=welcome;step=menu";
            },
            WelcomeScenario());

        var response = await h.PostFixtureAsync("callback_conversation_started.json");
        await h.IdleAsync();

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        var expected = Fixture.Json("conversation_started_welcome_reply.json");
        var actual = JsonNode.Parse(response.Body!)!;
        Assert.True(JsonNode.DeepEquals(expected, actual), "Expected:\n" + expected.ToJsonString() + "\nActual:\n" + actual.ToJsonString());
        Assert.Empty(h.Server.Requests);
        var started = Assert.Single(h.Received);
        Assert.Equal(new LifecycleContent(LifecycleEvent.ConversationStarted) { Context = "ref_summer25" }, started.Content);
        Assert.Equal("menu", (await h.Bot.GetConversationAsync(ViberHarness.Olena))!.Step);
    }

    [Fact]
    public async Task HandleAsync_ConversationStartedKeyboard_HasViberButtonLayout()
    {
        await using var h = await ViberHarness.StartAsync(FixtureLook, WelcomeScenario());

        var response = await h.PostFixtureAsync("callback_conversation_started.json");

        var keyboard = JsonNode.Parse(response.Body!)!["keyboard"]!;
        Assert.Equal("keyboard", keyboard["Type"]!.GetValue<string>());
        var buttons = keyboard["Buttons"]!.AsArray();
        Assert.Equal([3, 3, 6], buttons.Select(b => b!["Columns"]!.GetValue<int>()));
        Assert.Equal(["reply", "reply", "share-phone"], buttons.Select(b => b!["ActionType"]!.GetValue<string>()));
        Assert.Equal(["svc:haircut", "svc:color", "share_phone"], buttons.Select(b => b!["ActionBody"]!.GetValue<string>()));
        Assert.Null(JsonNode.Parse(response.Body!)!["receiver"]);
    }

    [Fact]
    public async Task HandleAsync_ConversationStartedRepeated_NoSecondWelcome()
    {
        await using var h = await ViberHarness.StartAsync(FixtureLook, WelcomeScenario());

        var first = await h.PostFixtureAsync("callback_conversation_started.json");
        var again = await h.PostFixtureAsync("callback_conversation_started.json");
        await h.IdleAsync();

        Assert.NotNull(first.Body);
        Assert.Equal(200, again.StatusCode);
        Assert.Null(again.Body);
        Assert.Single(h.Received);
    }

    [Fact]
    public async Task HandleAsync_ScenarioSaysSeveralThings_TextsJoinedIntoOneWelcomeAndNothingSent()
    {
        var scenario = Scenario.Define("chatty", s =>
        {
            s.Step("start")
                .Say("Hello!")
                .Say("We sell coffee.", Buttons.Rows(["Catalog"]))
                .Say(new OutgoingMessage("Our shop") { Media = MediaAttachment.PhotoFromUrl("https://example.com/shop.jpg") })
                .Otherwise().Say("?").Stay();
        });
        await using var h = await ViberHarness.StartAsync(scenario: scenario);

        var response = await h.PostFixtureAsync("callback_conversation_started.json");
        await h.IdleAsync();

        var welcome = JsonNode.Parse(response.Body!)!;
        Assert.Equal("Hello!\n\nWe sell coffee.", welcome["text"]!.GetValue<string>());
        Assert.Equal("Catalog", welcome["keyboard"]!["Buttons"]![0]!["Text"]!.GetValue<string>());
        Assert.Empty(h.Server.Requests);
        Assert.Contains(h.LogLines(), l => l.StartsWith("Debug 3015", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandleAsync_ScenarioSaysNothing_AnswersEmpty200()
    {
        var scenario = Scenario.Define("quiet", s =>
        {
            s.Always().OnEvent(LifecycleEvent.ConversationStarted).Stay();
            s.Step("start").Otherwise().Say("?").Stay();
        });
        await using var h = await ViberHarness.StartAsync(scenario: scenario);

        var response = await h.PostFixtureAsync("callback_conversation_started.json");

        Assert.Equal(200, response.StatusCode);
        Assert.Null(response.Body);
    }

    [Fact]
    public async Task HandleAsync_WelcomeNotReadyBeforeTheDeadline_AnswersEmptyAndDropsTheLateReply()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scenario = Scenario.Define("slow", s =>
        {
            s.Step("start")
                .OnEnter(async (_, _) =>
                {
                    entered.TrySetResult();
                    await gate.Task;
                })
                .Say("Finally, hello!")
                .Otherwise().Say("?").Stay();
        });
        await using var h = await ViberHarness.StartAsync(o => o.WelcomeTimeout = TimeSpan.FromSeconds(3), scenario);

        var pending = h.PostFixtureAsync("callback_conversation_started.json").AsTask();
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(pending.IsCompleted);
        await Poll.UntilAsync(() => pending.IsCompleted || Advance(h, TimeSpan.FromSeconds(1)), "the welcome deadline");
        var response = await pending;
        gate.SetResult();
        await h.IdleAsync();
        await Poll.UntilAsync(() => h.Channel.Welcomes.Find(ViberHarness.Olena.ChatId) is null, "the welcome slot to be released");

        Assert.Equal(200, response.StatusCode);
        Assert.Null(response.Body);
        Assert.Empty(h.Server.Calls("send_message"));
        Assert.Contains(h.LogLines(), l => l.StartsWith("Warning 3014", StringComparison.Ordinal));
    }

    /// <summary>Moves the fake clock (the deadline's timer may be created a moment after the dispatch starts).</summary>
    private static bool Advance(ViberHarness h, TimeSpan by)
    {
        h.Clock.Advance(by);
        return false;
    }

    [Fact]
    public async Task HandleAsync_FirstMessageAfterWelcome_SentWithSendMessage()
    {
        await using var h = await ViberHarness.StartAsync(FixtureLook, WelcomeScenario());
        await h.PostFixtureAsync("callback_conversation_started.json");

        await h.PostFixtureAsync("callback_message_text.json");
        await h.IdleAsync();

        var sent = Assert.Single(h.Server.Calls("send_message"));
        Assert.Equal("N1RQJNw0yUPpuV8EnSfSpA==", sent.Json["receiver"]!.GetValue<string>());
        Assert.Equal("Оберіть послугу кнопкою.", sent.Json["text"]!.GetValue<string>());
    }
}
