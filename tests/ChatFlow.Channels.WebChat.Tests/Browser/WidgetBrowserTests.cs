using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ShopBot;
using static Microsoft.Playwright.Assertions;

namespace ChatFlow.Channels.WebChat.Tests.Browser;

/// <summary>The widget in a real headless Chromium against a real host running the ShopBot scenario.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WidgetBrowserTests(BrowserFixture fixture)
{
    private const float Timeout = 15_000;

    private static async Task<IPage> OpenAsync(IBrowserContext context, WebChatHost host)
    {
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        await page.GotoAsync(new Uri(host.Address, "/webchat/").ToString());
        return page;
    }

    private static ILocator BotMessages(IPage page) => page.Locator(".cfw-log .cfw-bot");

    private static async Task ExpectBotSaysAsync(IPage page, string text) =>
        await Expect(BotMessages(page).Last).ToContainTextAsync(text, new() { Timeout = Timeout });

    private static ILocator Button(IPage page, string label) =>
        page.Locator(".cfw-root button.cfw-btn").GetByText(label, new() { Exact = true }).Last;

    private static async Task TypeAsync(IPage page, string text)
    {
        await page.Locator(".cfw-input").FillAsync(text);
        await page.Locator(".cfw-input").PressAsync("Enter");
    }

    [Fact]
    public async Task Widget_OrderThenReload_ConfirmsOrderAndShowsHistory()
    {
        await using var host = await WebChatHost.StartAsync();
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 480, Height = 760 } });
        var page = await OpenAsync(context, host);

        await ExpectBotSaysAsync(page, "Welcome to ChatFlow Shop");
        await Button(page, "Order").ClickAsync();
        await ExpectBotSaysAsync(page, "What is your name?");
        await TypeAsync(page, "Ann Smith");
        await ExpectBotSaysAsync(page, "Your phone number?");
        await TypeAsync(page, "+7 999 123-45-67");
        await ExpectBotSaysAsync(page, "Order for Ann Smith, +79991234567. Confirm?");
        await Button(page, "Yes").ClickAsync();
        await Expect(page.Locator(".cfw-log")).ToContainTextAsync("Thank you! Your order is placed");
        await ExpectBotSaysAsync(page, "Welcome to ChatFlow Shop");
        await Expect(page.Locator(".cfw-typing")).ToBeHiddenAsync();

        var artifacts = Path.Combine(BrowserFixture.RepositoryRoot(), "artifacts");
        Directory.CreateDirectory(artifacts);
        await page.ScreenshotAsync(new() { Path = Path.Combine(artifacts, "webchat-order.png"), FullPage = true });

        var before = await page.Locator(".cfw-log .cfw-msg").AllInnerTextsAsync();
        await page.ReloadAsync();
        await Expect(page.Locator(".cfw-log .cfw-msg")).ToHaveCountAsync(before.Count, new() { Timeout = Timeout });
        var after = await page.Locator(".cfw-log .cfw-msg").AllInnerTextsAsync();

        Assert.Equal(before, after);
        Assert.Contains("Ann Smith", after);
        var lead = Assert.Single(((InMemoryLeadSink)host.Services.GetRequiredService<ILeadSink>()).Leads);
        Assert.Equal("Ann Smith", lead.Name);
        Assert.Equal(1, after.Count(t => t == "/start"));
    }

    [Fact]
    public async Task Widget_ForgedVisitorToken_IsRefusedAndCanStartOver()
    {
        await using var host = await WebChatHost.StartAsync();
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await OpenAsync(context, host);
        await ExpectBotSaysAsync(page, "Welcome to ChatFlow Shop");

        // Keep the visitor id, replace the signature: the server must refuse it.
        await page.EvaluateAsync(@"() => {
            for (let i = 0; i < localStorage.length; i++) {
                const key = localStorage.key(i);
                if (key.startsWith('chatflow.webchat.token:')) {
                    const parts = localStorage.getItem(key).split('.');
                    localStorage.setItem(key, parts[0] + '.' + parts[1] + '.' + 'A'.repeat(43));
                }
            }
        }");
        await page.ReloadAsync();

        await Expect(page.Locator(".cfw-error")).ToContainTextAsync("refused", new() { Timeout = Timeout });
        Assert.Equal(0, await page.Locator(".cfw-log .cfw-msg").CountAsync());

        await page.Locator(".cfw-error button").ClickAsync();
        await ExpectBotSaysAsync(page, "Welcome to ChatFlow Shop");
        await Expect(page.Locator(".cfw-error")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Widget_TooLongMessage_ShowsClearErrorAndSendsNothing()
    {
        await using var host = await WebChatHost.StartAsync(o => o.MaxMessageLength = 20);
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await OpenAsync(context, host);
        await ExpectBotSaysAsync(page, "Welcome to ChatFlow Shop");
        var count = await page.Locator(".cfw-log .cfw-msg").CountAsync();

        await TypeAsync(page, new string('x', 21));

        await Expect(page.Locator(".cfw-error")).ToContainTextAsync("too long: at most 20 characters");
        Assert.Equal(count, await page.Locator(".cfw-log .cfw-msg").CountAsync());
    }

    [Fact]
    public async Task Widget_MaxMessageLengthShorterThanButtonLabels_ButtonPressesStillGoThrough()
    {
        await using var host = await WebChatHost.StartAsync(o => o.MaxMessageLength = 6);
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await OpenAsync(context, host);
        await ExpectBotSaysAsync(page, "Welcome to ChatFlow Shop");

        await Button(page, "Catalog").ClickAsync();

        await ExpectBotSaysAsync(page, "Today we have");
        await Expect(page.Locator(".cfw-log .cfw-visitor").Last).ToHaveTextAsync("Catalog");
        await Expect(page.Locator(".cfw-error")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Widget_TooManyNewVisitorsFromTheAddress_ShowsTheServersMessage()
    {
        await using var host = await WebChatHost.StartAsync(o => o.MaxNewVisitorsPerMinute = 1);
        using (var client = host.CreateClient())
        {
            await Api.WebChatClient.IssueAsync(client);
        }

        await using var context = await fixture.Browser.NewContextAsync();
        var page = await OpenAsync(context, host);

        await Expect(page.Locator(".cfw-error")).ToContainTextAsync("Too many new chats were started from your network. Try again in");
        await Expect(page.Locator(".cfw-error button")).ToHaveTextAsync("Retry");
    }

    [Fact]
    public async Task Widget_SendingTooFast_ShowsRateLimitError()
    {
        await using var host = await WebChatHost.StartAsync(o => { o.MaxMessagesPerWindow = 2; o.RateLimitWindow = TimeSpan.FromHours(1); });
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await OpenAsync(context, host);
        await ExpectBotSaysAsync(page, "Welcome to ChatFlow Shop");

        await TypeAsync(page, "hello");
        await Expect(page.Locator(".cfw-log .cfw-visitor")).ToHaveCountAsync(2);
        await TypeAsync(page, "hello again");

        await Expect(page.Locator(".cfw-error")).ToContainTextAsync("too fast");
        await Expect(page.Locator(".cfw-input")).ToHaveValueAsync("hello again");
    }
}
