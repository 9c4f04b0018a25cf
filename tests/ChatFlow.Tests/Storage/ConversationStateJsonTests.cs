using System.Text.Json;
using ChatFlow;

namespace ChatFlow.Tests.Storage;

public class ConversationStateJsonTests
{
    [Fact]
    public void State_RoundTripsThroughJson_WithTypedValues()
    {
        var state = new ConversationState
        {
            Address = new ConversationAddress(ChannelId.Telegram, "-1001987654321"),
            Version = 7,
            Scenario = "shop",
            Step = "order/phone",
            Epoch = 3,
            History = ["menu"],
            CallStack = [new ScenarioFrame { Scenario = "main", Step = "help" }],
            Mode = ConversationMode.Bot,
            Timers = [new ScheduledTimer { DueAt = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero), Scenario = "shop", Step = "order", Index = 1, Epoch = 3 }],
            Outbox = [new PendingReply { Sequence = 4, Message = new OutgoingMessage("Hi", new Keyboard([[Button.Callback("Buy", "b:1"), Button.Link("Site", "https://example.com")]], inline: true) { OneTime = true }) { Media = MediaAttachment.FromFileReference(MediaKind.Photo, "AgAC") }, PartsSent = 1 }],
            RecentUpdates = ["100", "101"],
            PayloadTokens = new() { ["\u2063abc"] = "long payload" },
            User = new ChatUser("412345678", "Anna") { Username = "anna" },
        };
        state.Values.Set("name", "Anna");
        state.Values.Set("guests", 4);
        state.Values.Set("price", 12.50m);
        state.Values.Set("ratio", 0.25);
        state.Values.Set("terrace", true);
        state.Values.Set("date", new DateOnly(2026, 12, 31));
        state.Values.Set("time", new TimeOnly(19, 30));
        state.Values.Set("at", new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.FromHours(3)));
        state.Values.Set("wait", TimeSpan.FromMinutes(90));
        state.Values.Set("id", Guid.Parse("8b5c7c1e-1b8e-4f3e-9a39-8f1f5e1a2b3c"));

        var json = JsonSerializer.Serialize(state);
        var back = JsonSerializer.Deserialize<ConversationState>(json)!;

        Assert.Equal(state.Address, back.Address);
        Assert.Equal("order/phone", back.Step);
        Assert.Equal(4L, back.Values["guests"]);
        Assert.Equal(12.50m, back.Values["price"]);
        Assert.Equal(0.25, back.Values["ratio"]);
        Assert.Equal(true, back.Values["terrace"]);
        Assert.Equal(new DateOnly(2026, 12, 31), back.Values["date"]);
        Assert.Equal(new TimeOnly(19, 30), back.Values["time"]);
        Assert.Equal(state.Values["at"], back.Values["at"]);
        Assert.Equal(TimeSpan.FromMinutes(90), back.Values["wait"]);
        Assert.Equal(state.Values["id"], back.Values["id"]);
        Assert.Equal("Anna", back.Values.Get<string>("name"));
        var reply = Assert.Single(back.Outbox);
        Assert.Equal(1, reply.PartsSent);
        Assert.Equal("b:1", reply.Message.Keyboard!.Rows[0][0].Payload);
        Assert.Equal(ButtonKind.Url, reply.Message.Keyboard.Rows[0][1].Kind);
        Assert.True(reply.Message.Keyboard.Inline);
        Assert.True(reply.Message.Keyboard.OneTime);
        Assert.True(reply.Message.Media!.IsFileReference);
        Assert.Equal(MediaKind.Photo, reply.Message.Media.Kind);
        Assert.Equal(state.Timers[0].DueAt, back.Timers[0].DueAt);
        Assert.Equal("help", back.CallStack[0].Step);
        Assert.Equal("long payload", back.PayloadTokens["\u2063abc"]);
        Assert.Equal("anna", back.User!.Username);
        Assert.Equal(json, JsonSerializer.Serialize(back));
    }

    [Fact]
    public void Values_RejectUnsupportedTypes()
    {
        var values = new ConversationValues();
        Assert.Throws<ArgumentException>(() => values.Set("uri", new Uri("https://example.com")));
        values.Set("n", 5);
        Assert.IsType<long>(values["n"]);
        Assert.Equal(5, values.Get<int>("n"));
        Assert.Equal("5", values.Get<string>("n"));
        Assert.Throws<InvalidCastException>(() => values.Get<DateOnly>("n"));
        Assert.Throws<KeyNotFoundException>(() => values["missing"]);
        Assert.Equal(42L, values.GetOrDefault("missing", 42L));
    }

    [Fact]
    public void Clone_IsDeep()
    {
        var state = new ConversationState { Outbox = [new PendingReply { Sequence = 1 }], Timers = [new ScheduledTimer { Step = "a" }] };
        state.Values.Set("a", "1");
        var copy = state.Clone();
        copy.Values.Set("a", "2");
        copy.Outbox[0].PartsSent = 3;
        copy.Timers[0].Step = "b";
        copy.History.Add("x");
        Assert.Equal("1", state.Values["a"]);
        Assert.Equal(0, state.Outbox[0].PartsSent);
        Assert.Equal("a", state.Timers[0].Step);
        Assert.Empty(state.History);
    }

    [Fact]
    public async Task InMemoryStore_EnforcesVersions_AndIndexesDueTimes()
    {
        var store = new InMemoryConversationStore();
        var address = new ConversationAddress(ChannelId.Test, "1");
        var due = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var state = new ConversationState { Address = address, Timers = [new ScheduledTimer { DueAt = due }] };
        Assert.True(await store.TrySaveAsync(state, 0, default));
        Assert.Equal(1, state.Version);
        Assert.False(await store.TrySaveAsync(state.Clone(), 0, default));
        Assert.False(await store.TrySaveAsync(state.Clone(), 5, default));
        Assert.Empty(await store.GetDueAsync(due.AddSeconds(-1), 10, default));
        Assert.Equal([address], await store.GetDueAsync(due, 10, default));

        var next = state.Clone();
        next.Timers.Clear();
        Assert.True(await store.TrySaveAsync(next, 1, default));
        Assert.Empty(await store.GetDueAsync(due.AddDays(1), 10, default));
        Assert.False(await store.TryDeleteAsync(address, 1, default));
        Assert.True(await store.TryDeleteAsync(address, 2, default));
        Assert.Null(await store.LoadAsync(address, default));
    }
}
