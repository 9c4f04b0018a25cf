using System.Net;
using System.Text;
using ChatFlow.Channels.WebChat.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static ChatFlow.Channels.WebChat.Tests.Api.WebChatClient;

namespace ChatFlow.Channels.WebChat.Tests.Api;

public sealed class WebChatApiTests
{
    private static bool IsBotText(SseReader.Event e, string start) =>
        e.Type == "message" && e.Data["from"]!.GetValue<string>() == "bot" && e.Data["text"]?.GetValue<string>().StartsWith(start, StringComparison.Ordinal) == true;

    [Fact]
    public async Task Send_StartCommand_BotRepliesWithMenuOverTheStream()
    {
        await using var host = await WebChatHost.StartAsync();
        using var client = host.CreateClient();
        var token = await IssueAsync(client);
        await using var stream = await SseReader.OpenAsync(client, token, after: 0);
        await stream.ReadUntilAsync(e => e.Type == "ready");

        using var sent = await PostAsync(client, token, new { clientId = "c1", text = "/start" });
        var events = await stream.ReadUntilAsync(e => IsBotText(e, "Hi! Welcome"));

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal("visitor", events[0].Data["from"]!.GetValue<string>());
        Assert.Equal("/start", events[0].Data["text"]!.GetValue<string>());
        var menu = events[^1].Data;
        Assert.Equal("Catalog", menu["buttons"]![0]![0]!["label"]!.GetValue<string>());
        Assert.Equal("reply", menu["buttons"]![0]![0]!["kind"]!.GetValue<string>());
        Assert.False(menu["inline"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Events_MissingToken_Returns401()
    {
        await using var host = await WebChatHost.StartAsync();
        using var client = host.CreateClient();

        using var events = await client.GetAsync("/webchat/api/events");
        using var send = await PostAsync(client, null, new { text = "hi" });

        Assert.Equal(HttpStatusCode.Unauthorized, events.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, send.StatusCode);
    }

    [Fact]
    public async Task Send_ForgedToken_Returns403AndReachesNoConversation()
    {
        await using var host = await WebChatHost.StartAsync();
        using var client = host.CreateClient();
        var victim = await IssueAsync(client);
        var victimId = victim.Split('.')[1];
        var forged = "v1." + victimId + "." + Convert.ToBase64String(new byte[32]).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        using var send = await PostAsync(client, forged, new { text = "/start" });
        using var events = await client.GetAsync("/webchat/api/events?access_token=" + Uri.EscapeDataString(forged));
        using var session = await client.GetAsync("/webchat/api/session?access_token=" + Uri.EscapeDataString(forged));

        Assert.Equal(HttpStatusCode.Forbidden, send.StatusCode);
        Assert.Equal("bad_token", (await JsonAsync(send))["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, events.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, session.StatusCode);
        Assert.Equal(0, host.Services.GetRequiredService<WebChatStore>().Get(victimId).LastId);
    }

    [Fact]
    public async Task Events_TwoVisitors_EachSeesOnlyOwnConversation()
    {
        await using var host = await WebChatHost.StartAsync();
        using var client = host.CreateClient();
        var alice = await IssueAsync(client);
        var bob = await IssueAsync(client);
        (await PostAsync(client, alice, new { clientId = "a1", text = "/start" })).Dispose();
        (await PostAsync(client, alice, new { clientId = "a2", text = "Order" })).Dispose();
        (await PostAsync(client, bob, new { clientId = "b1", text = "/start" })).Dispose();

        await using var bobStream = await SseReader.OpenAsync(client, bob, after: 0);
        var bobEvents = await bobStream.ReadUntilAsync(e => e.Type == "ready");

        Assert.Equal(3, bobEvents.Count);
        Assert.DoesNotContain(bobEvents, e => e.Data["text"]?.GetValue<string>() is "Order" or "What is your name?");
    }

    [Fact]
    public async Task Events_ReconnectWithLastEventId_ResumesWithoutLossOrDuplicates()
    {
        await using var host = await WebChatHost.StartAsync();
        using var client = host.CreateClient();
        var token = await IssueAsync(client);
        (await PostAsync(client, token, new { clientId = "m1", text = "/start" })).Dispose();

        long seen;
        await using (var first = await SseReader.OpenAsync(client, token, after: 0))
        {
            var events = await first.ReadUntilAsync(e => e.Type == "ready");
            seen = long.Parse(events[^2].Id!, System.Globalization.CultureInfo.InvariantCulture);
        }

        // While disconnected, the conversation goes on.
        (await PostAsync(client, token, new { clientId = "m2", text = "Order" })).Dispose();
        (await PostAsync(client, token, new { clientId = "m3", text = "Ann" })).Dispose();

        await using var second = await SseReader.OpenAsync(client, token, after: 0, lastEventId: seen);
        var resumed = await second.ReadUntilAsync(e => e.Type == "ready");
        var ids = resumed.Where(e => e.Type == "message").Select(e => long.Parse(e.Id!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var texts = resumed.Where(e => e.Type == "message").Select(e => e.Data["text"]!.GetValue<string>()).ToList();

        Assert.Equal(Enumerable.Range(1, ids.Count).Select(i => seen + i), ids);
        Assert.Equal(["Order", "What is your name?", "Ann", "Your phone number?"], texts);
    }

    [Fact]
    public async Task Events_AfterARestart_TheSameTokenResumingFromItsOldLastId_ReceivesTheNewReply()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        string token;
        long seen;
        await using (var before = await WebChatHost.StartAsync(time: time))
        {
            using var client = before.CreateClient();
            token = await IssueAsync(client);
            (await PostAsync(client, token, new { clientId = "m1", text = "/start" })).Dispose();
            await using var stream = await SseReader.OpenAsync(client, token, after: 0);
            var events = await stream.ReadUntilAsync(e => e.Type == "ready");
            seen = long.Parse(events[^2].Id!, System.Globalization.CultureInfo.InvariantCulture);
        }

        // The process restarts (the logs were in memory) with the same signing key; the open widget resumes.
        time.Advance(TimeSpan.FromSeconds(3));
        await using var after = await WebChatHost.StartAsync(time: time);
        using var again = after.CreateClient();
        await using var resumed = await SseReader.OpenAsync(again, token, after: seen, lastEventId: seen);
        var ready = (await resumed.ReadUntilAsync(e => e.Type == "ready"))[^1];
        using var sent = await PostAsync(again, token, new { clientId = "m2", text = "/start" });
        var live = await resumed.ReadUntilAsync(e => IsBotText(e, "Hi! Welcome"));

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal(0, ready.Data["lastId"]!.GetValue<long>());
        Assert.Equal(["/start", "Hi! Welcome to ChatFlow Shop. How can I help?"], live.Select(e => e.Data["text"]!.GetValue<string>()));
        Assert.All(live, e => Assert.True(long.Parse(e.Id!, System.Globalization.CultureInfo.InvariantCulture) > seen));
    }

    [Fact]
    public async Task Events_MoreVisitorsThanMaxWhileOneWatches_TheWatchersRepliesStillArriveOnItsOpenStream()
    {
        await using var host = await WebChatHost.StartAsync(o => o.MaxVisitors = 1);
        using var client = host.CreateClient();
        var watcher = await IssueAsync(client);
        await using var stream = await SseReader.OpenAsync(client, watcher, after: 0);
        await stream.ReadUntilAsync(e => e.Type == "ready");

        // Others come and write while the watcher's chat is open but idle.
        for (var i = 0; i < 3; i++)
        {
            (await PostAsync(client, await IssueAsync(client), new { clientId = "o" + i, text = "/start" })).Dispose();
        }

        using var sent = await PostAsync(client, watcher, new { clientId = "w1", text = "/start" });
        var events = await stream.ReadUntilAsync(e => IsBotText(e, "Hi! Welcome"));

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal("/start", events[0].Data["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Events_NewMessageWhileConnected_ArrivesLiveWithNextId()
    {
        await using var host = await WebChatHost.StartAsync();
        using var client = host.CreateClient();
        var token = await IssueAsync(client);
        await using var stream = await SseReader.OpenAsync(client, token, after: 0);
        await stream.ReadUntilAsync(e => e.Type == "ready");

        (await PostAsync(client, token, new { clientId = "x", text = "/start" })).Dispose();
        var events = await stream.ReadUntilAsync(e => IsBotText(e, "Hi!"));

        var ids = events.Select(e => long.Parse(e.Id!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Equal(ids[0] + 1, ids[1]);
    }

    [Fact]
    public async Task Send_SameClientIdTwice_IsShownAndDispatchedOnce()
    {
        await using var host = await WebChatHost.StartAsync();
        using var client = host.CreateClient();
        var token = await IssueAsync(client);

        using var first = await PostAsync(client, token, new { clientId = "same", text = "/start" });
        using var again = await PostAsync(client, token, new { clientId = "same", text = "/start" });
        await using var stream = await SseReader.OpenAsync(client, token, after: 0);
        var events = await stream.ReadUntilAsync(e => e.Type == "ready");

        var firstBody = await JsonAsync(first);
        var againBody = await JsonAsync(again);

        Assert.Equal("duplicate", againBody["status"]!.GetValue<string>());
        Assert.Equal(firstBody["id"]!.GetValue<long>(), againBody["id"]!.GetValue<long>());
        Assert.Single(events, e => e.Data["text"]?.GetValue<string>() == "/start");
        Assert.Single(events, e => IsBotText(e, "Hi!"));
    }

    [Fact]
    public async Task Send_CallbackPayload_ReachesScenarioAsButtonPress()
    {
        await using var host = await WebChatHost.StartAsync();
        using var client = host.CreateClient();
        var token = await IssueAsync(client);
        (await PostAsync(client, token, new { clientId = "1", text = "/start" })).Dispose();

        using var press = await PostAsync(client, token, new { clientId = "2", payload = "FAQ", label = "FAQ" });
        await using var stream = await SseReader.OpenAsync(client, token, after: 0);
        var events = await stream.ReadUntilAsync(e => e.Type == "ready");

        Assert.Equal("handled", (await JsonAsync(press))["status"]!.GetValue<string>());
        Assert.Contains(events, e => IsBotText(e, "What would you like to know?"));
    }

    [Fact]
    public async Task Send_TextOverLimit_Returns400TooLong()
    {
        await using var host = await WebChatHost.StartAsync(o => o.MaxMessageLength = 10);
        using var client = host.CreateClient();
        var token = await IssueAsync(client);

        using var response = await PostAsync(client, token, new { text = new string('a', 11) });
        var body = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("too_long", body["error"]!.GetValue<string>());
        Assert.Equal(10, body["maxLength"]!.GetValue<int>());
    }

    [Fact]
    public async Task Send_ButtonPressesWithinTheChannelsButtonLimits_AreTakenEvenWhenMaxMessageLengthIsSmaller()
    {
        var caps = WebChatChannel.Limits;
        var label = new string('L', caps.MaxButtonLabelLength);
        var payload = new string('\u00e9', caps.MaxButtonPayloadBytes / 2);
        await using var host = await WebChatHost.StartAsync(o => o.MaxMessageLength = 10);
        using var client = host.CreateClient();
        var token = await IssueAsync(client);

        using var callback = await PostAsync(client, token, new { clientId = "b1", payload, label });
        using var reply = await PostAsync(client, token, new { clientId = "b2", label });
        using var text = await PostAsync(client, token, new { clientId = "t1", text = new string('a', 11) });

        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Equal(10, (await JsonAsync(text))["maxLength"]!.GetValue<int>());
        await using var stream = await SseReader.OpenAsync(client, token, after: 0);
        var events = await stream.ReadUntilAsync(e => e.Type == "ready");
        Assert.Equal([label, label], events.Where(e => e.Type == "message" && e.Data["from"]!.GetValue<string>() == "visitor").Select(e => e.Data["text"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Send_ButtonPressBeyondTheChannelsButtonLimits_Returns400TooLong()
    {
        var caps = WebChatChannel.Limits;
        await using var host = await WebChatHost.StartAsync();
        using var client = host.CreateClient();
        var token = await IssueAsync(client);

        using var payload = await PostAsync(client, token, new { clientId = "b1", payload = new string('\u00e9', (caps.MaxButtonPayloadBytes / 2) + 1), label = "Buy" });
        using var label = await PostAsync(client, token, new { clientId = "b2", payload = "buy", label = new string('L', caps.MaxButtonLabelLength + 1) });
        using var replyLabel = await PostAsync(client, token, new { clientId = "b3", label = new string('L', caps.MaxButtonLabelLength + 1) });

        Assert.Equal(HttpStatusCode.BadRequest, payload.StatusCode);
        Assert.Equal("too_long", (await JsonAsync(payload))["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, label.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, replyLabel.StatusCode);
    }

    [Fact]
    public async Task Send_HugeBody_Returns413WithoutParsing()
    {
        await using var host = await WebChatHost.StartAsync(o => o.MaxMessageLength = 10);
        using var client = host.CreateClient();
        var token = await IssueAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webchat/api/messages")
        {
            Content = new StringContent(new string('{', 10_000), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", token);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Send_EmptyOrMalformed_Returns400()
    {
        await using var host = await WebChatHost.StartAsync();
        using var client = host.CreateClient();
        var token = await IssueAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webchat/api/messages") { Content = new StringContent("not json", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", token);

        using var empty = await PostAsync(client, token, new { text = "   " });
        using var malformed = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("empty", (await JsonAsync(empty))["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task Send_OverRateLimit_Returns429UntilWindowPasses()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        await using var host = await WebChatHost.StartAsync(o => { o.MaxMessagesPerWindow = 3; o.RateLimitWindow = TimeSpan.FromSeconds(30); }, time);
        using var client = host.CreateClient();
        var token = await IssueAsync(client);
        var other = await IssueAsync(client);

        for (var i = 0; i < 3; i++)
        {
            using var ok = await PostAsync(client, token, new { clientId = "r" + i, text = "hello" });
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var tooFast = await PostAsync(client, token, new { clientId = "r3", text = "hello" });
        using var otherVisitor = await PostAsync(client, other, new { clientId = "o1", text = "hello" });
        time.Advance(TimeSpan.FromSeconds(30));
        using var later = await PostAsync(client, token, new { clientId = "r4", text = "hello" });

        Assert.Equal(HttpStatusCode.TooManyRequests, tooFast.StatusCode);
        Assert.Equal("30", tooFast.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("too_fast", (await JsonAsync(tooFast))["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, otherVisitor.StatusCode);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task IssueVisitor_OverThePerAddressLimit_Returns429WithRetryAfterUntilTheMinutePasses()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        await using var host = await WebChatHost.StartAsync(o => o.MaxNewVisitorsPerMinute = 2, time);
        using var client = host.CreateClient();
        await IssueAsync(client);
        time.Advance(TimeSpan.FromSeconds(20));
        await IssueAsync(client);

        using var tooMany = await client.PostAsync("/webchat/api/visitors", null);
        var body = await JsonAsync(tooMany);
        time.Advance(TimeSpan.FromSeconds(40));
        using var afterFirstExpired = await client.PostAsync("/webchat/api/visitors", null);
        using var stillTooMany = await client.PostAsync("/webchat/api/visitors", null);

        Assert.Equal(HttpStatusCode.TooManyRequests, tooMany.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(40), tooMany.Headers.RetryAfter!.Delta);
        Assert.Equal("too_many_visitors", body["error"]!.GetValue<string>());
        Assert.Equal(40, body["retryAfterSeconds"]!.GetValue<int>());
        Assert.Contains("40 s", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(body["token"]);
        Assert.Equal(HttpStatusCode.OK, afterFirstExpired.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, stillTooMany.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(20), stillTooMany.Headers.RetryAfter!.Delta);
    }

    [Fact]
    public async Task Widget_Files_AreServedFromThePackage()
    {
        await using var host = await WebChatHost.StartAsync();
        using var client = host.CreateClient();

        using var js = await client.GetAsync("/webchat/widget.js");
        using var css = await client.GetAsync("/webchat/widget.css");
        using var page = await client.GetAsync("/webchat/");

        Assert.Equal("text/javascript", js.Content.Headers.ContentType!.MediaType);
        Assert.Contains("EventSource", await js.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<script src=\"widget.js\"></script>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_MissingSigningKey_FailsWithClearMessage()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => WebChatHost.StartAsync(o => o.SigningKey = null));

        Assert.Contains("SigningKey is required", error.Message, StringComparison.Ordinal);
    }
    [Fact]
    public async Task Map_ThroughChatFlowEndpointContributions_ServesTheWidgetUnderCustomBasePath()
    {
        await using var host = await WebChatHost.StartAsync(o => o.BasePath = "/support/chat", map: app =>
        {
            foreach (var contribution in app.Services.GetServices<ChatFlow.AspNetCore.IChatFlowEndpoints>())
            {
                contribution.Map(app);
            }
        });
        using var client = host.CreateClient();

        using var js = await client.GetAsync("/support/chat/widget.js");
        using var old = await client.GetAsync("/webchat/widget.js");
        using var visitor = await client.PostAsync("/support/chat/api/visitors", null);

        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, visitor.StatusCode);
    }

    [Fact]
    public async Task Session_ValidToken_ReportsLastIdAndLimits()
    {
        await using var host = await WebChatHost.StartAsync(o => { o.MaxMessageLength = 77; o.Title = "Shop chat"; });
        using var client = host.CreateClient();
        var token = await IssueAsync(client);
        using var sent = await PostAsync(client, token, new { clientId = "1", text = "/start" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/webchat/api/session");
        request.Headers.Authorization = new("Bearer", token);

        using var response = await client.SendAsync(request);
        var body = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((await JsonAsync(sent))["id"]!.GetValue<long>() + 1, body["lastId"]!.GetValue<long>());
        Assert.Equal(77, body["maxLength"]!.GetValue<int>());
        Assert.Equal("Shop chat", body["title"]!.GetValue<string>());
    }
}
