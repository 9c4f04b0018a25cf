using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatFlow.Channels.WebChat.Tests.Browser;

/// <summary>The browser's own reconnect: the server ends streams early, the widget resumes from Last-Event-ID.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WidgetReconnectTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Widget_StreamsEndedByServer_ResumesWithoutLossOrDuplicates()
    {
        var resumedFrom = new ConcurrentQueue<string>();
        await using var host = await WebChatHost.StartAsync(o => o.MaxStreamDuration = TimeSpan.FromMilliseconds(300), map: app =>
        {
            app.Use((context, next) =>
            {
                if (context.Request.Path == "/webchat/api/events" && context.Request.Headers.TryGetValue("Last-Event-ID", out var id))
                {
                    resumedFrom.Enqueue(id.ToString());
                }

                return next(context);
            });
            app.MapWebChat();
        });
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync(new Uri(host.Address, "/webchat/").ToString());
        await Expect(page.Locator(".cfw-log .cfw-bot").Last).ToContainTextAsync("Welcome to ChatFlow Shop");

        await page.Locator(".cfw-keyboard button").GetByText("Order", new() { Exact = true }).ClickAsync();
        await Expect(page.Locator(".cfw-log .cfw-bot").Last).ToHaveTextAsync("What is your name?");
        await WaitForAsync(() => resumedFrom.Count >= 1, "the browser to reconnect");
        await page.Locator(".cfw-input").FillAsync("Ann Smith");
        await page.Locator(".cfw-input").PressAsync("Enter");
        await Expect(page.Locator(".cfw-log .cfw-bot").Last).ToHaveTextAsync("Your phone number?");
        var reconnects = resumedFrom.Count;
        await WaitForAsync(() => resumedFrom.Count > reconnects, "the browser to reconnect again");

        var ids = (await page.Locator(".cfw-log .cfw-msg").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.id)"))
            .Select(id => long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var texts = await page.Locator(".cfw-log .cfw-msg").AllInnerTextsAsync();

        Assert.Equal(Enumerable.Range(0, 6).Select(i => ids[0] + i), ids);
        Assert.Equal(["/start", "Order", "Ann Smith"], texts.Where((_, i) => i % 2 == 0));
        Assert.Contains(resumedFrom, id => id != "0");
    }

    [Fact]
    public async Task Widget_HostRestarted_ShowsTheNewRepliesWithoutAReload()
    {
        var before = await WebChatHost.StartAsync(o => o.Title = "Before the restart");
        var address = before.Address;
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        var bot = page.Locator(".cfw-log .cfw-bot");
        try
        {
            await page.GotoAsync(new Uri(address, "/webchat/").ToString());
            await Expect(bot.Last).ToContainTextAsync("Welcome to ChatFlow Shop");
            await page.Locator(".cfw-keyboard button").GetByText("FAQ", new() { Exact = true }).ClickAsync();
            await Expect(bot.Last).ToHaveTextAsync("What would you like to know?");
        }
        finally
        {
            await before.DisposeAsync();
        }

        // The same key on the same address, as after a deploy; the visitor logs were in memory and are gone.
        await using var after = await WebChatHost.StartAsync(o => o.Title = "After the restart", address: address);
        await Expect(page.Locator(".cfw-header")).ToHaveTextAsync("After the restart", new() { Timeout = 20_000 });
        await page.Locator(".cfw-input").FillAsync("/start");
        await page.Locator(".cfw-input").PressAsync("Enter");

        await Expect(bot).ToHaveCountAsync(3);
        await Expect(bot.Last).ToContainTextAsync("Welcome to ChatFlow Shop");
        await Expect(page.Locator(".cfw-log .cfw-visitor")).ToHaveTextAsync(["/start", "FAQ", "/start"]);
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            try
            {
                await Task.Delay(50, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("Timed out waiting for " + what + ".");
            }
        }
    }
}
