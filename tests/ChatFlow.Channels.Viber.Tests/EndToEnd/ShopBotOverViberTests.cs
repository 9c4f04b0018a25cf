using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ShopBot;

namespace ChatFlow.Channels.Viber.Tests;

/// <summary>The ShopBot order scenario end to end: Viber callbacks into the webhook handler, replies out to the fake Viber API.</summary>
public sealed class ShopBotOverViberTests
{
    [Fact]
    public async Task OrderScenario_OverTheWebhook_PlacesALeadWithTheSharedPhone()
    {
        using var services = new ServiceCollection().AddLogging().AddSingleton<InMemoryLeadSink>().AddSingleton<ILeadSink>(sp => sp.GetRequiredService<InMemoryLeadSink>()).BuildServiceProvider();
        await using var h = await ViberHarness.StartAsync(scenario: ShopScenario.Create(), configureBot: b => b.UseServices(services));
        var token = 5981743700000000000L;

        // The user opens the chat: the menu comes back as the welcome, in the webhook's answer.
        var welcome = await h.PostFixtureAsync("callback_conversation_started.json");
        var welcomeJson = JsonNode.Parse(welcome.Body!)!;
        Assert.Equal("Hi! Welcome to ChatFlow Shop. How can I help?", welcomeJson["text"]!.GetValue<string>());
        Assert.Equal(["Catalog", "Order", "FAQ", "Call an operator"], welcomeJson["keyboard"]!["Buttons"]!.AsArray().Select(b => b!["ActionBody"]!.GetValue<string>()));
        Assert.Equal([3, 3, 3, 3], welcomeJson["keyboard"]!["Buttons"]!.AsArray().Select(b => b!["Columns"]!.GetValue<int>()));
        Assert.Empty(h.Server.Requests);

        // A reply button sends its ActionBody as an ordinary message.
        var order = await SayAsync(h, "Order", ++token);
        Assert.Equal("What is your name?", order["text"]!.GetValue<string>());

        var phoneQuestion = await SayAsync(h, "Olena", ++token);
        Assert.Equal("Your phone number?", phoneQuestion["text"]!.GetValue<string>());
        var share = Assert.Single(phoneQuestion["keyboard"]!["Buttons"]!.AsArray())!;
        Assert.Equal(("share-phone", "Share my phone", 6), (share["ActionType"]!.GetValue<string>(), share["Text"]!.GetValue<string>(), share["Columns"]!.GetValue<int>()));
        Assert.Equal(3, phoneQuestion["min_api_version"]!.GetValue<int>());

        // The share-phone button makes Viber send a contact message.
        var before = h.Server.Calls("send_message").Count;
        await h.PostFixtureAsync("callback_message_contact.json");
        await h.IdleAsync();
        var confirm = h.Server.Calls("send_message")[before].Json;
        Assert.Equal("Order for Olena, +380501234567. Confirm?", confirm["text"]!.GetValue<string>());
        Assert.Contains("Yes", confirm["keyboard"]!["Buttons"]!.AsArray().Select(b => b!["Text"]!.GetValue<string>()));

        before = h.Server.Calls("send_message").Count;
        await h.PostAsync(ViberHarness.TextMessage("Yes", ++token));
        await h.IdleAsync();
        var after = h.Server.Calls("send_message").Skip(before).Select(r => r.Json["text"]!.GetValue<string>()).ToArray();

        Assert.Contains("Thank you! Your order is placed; our manager will call you soon.", after);
        Assert.Equal(new Lead("Olena", "+380501234567"), Assert.Single(services.GetRequiredService<InMemoryLeadSink>().Leads));
        Assert.Equal("menu", (await h.Bot.GetConversationAsync(ViberHarness.Olena))!.Step);
        Assert.All(h.Server.Calls("send_message"), r => Assert.Equal("N1RQJNw0yUPpuV8EnSfSpA==", r.Json["receiver"]!.GetValue<string>()));
    }

    private static async Task<JsonNode> SayAsync(ViberHarness h, string text, long token)
    {
        var before = h.Server.Calls("send_message").Count;
        var response = await h.PostAsync(ViberHarness.TextMessage(text, token));
        Assert.Equal(200, response.StatusCode);
        await h.IdleAsync();
        var calls = h.Server.Calls("send_message");
        Assert.True(calls.Count > before, $"no reply to '{text}'");
        return calls[^1].Json;
    }
}
