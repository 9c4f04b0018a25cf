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

        var ids = await page.Locator(".cfw-log .cfw-msg").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.id)");
        var texts = await page.Locator(".cfw-log .cfw-msg").AllInnerTextsAsync();

        Assert.Equal(Enumerable.Range(1, 6).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), ids);
        Assert.Equal(["/start", "Order", "Ann Smith"], texts.Where((_, i) => i % 2 == 0));
        Assert.Contains(resumedFrom, id => id != "0");
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
