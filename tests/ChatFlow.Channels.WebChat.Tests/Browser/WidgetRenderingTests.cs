using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatFlow.Channels.WebChat.Tests.Browser;

/// <summary>What the widget shows beyond ShopBot's reply keyboards: images, callback and URL buttons.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WidgetRenderingTests(BrowserFixture fixture)
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static Scenario RichScenario() => Scenario.Define("rich", s =>
    {
        s.Always().OnCommand("start").GoTo("home");
        s.Step("home")
            .Say(new OutgoingMessage(
                "Our best mug",
                new Keyboard([[Button.Callback("Buy now", "buy:mug"), Button.Link("Website", "https://example.org/mug")]], inline: true))
            {
                Media = new MediaAttachment(MediaKind.Photo, "/test-image.png"),
            })
            .OnButton("buy:mug").Say("Added to your cart.").Stay();
    });

    [Fact]
    public async Task Widget_ImageCallbackAndUrlButtons_AreRenderedAndCallbackSendsPayload()
    {
        await using var host = await WebChatHost.StartAsync(scenario: RichScenario(), map: app =>
        {
            app.MapWebChat();
            app.MapGet("/test-image.png", () => Results.File(Png, "image/png"));
        });
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync(new Uri(host.Address, "/webchat/").ToString());

        var bubble = page.Locator(".cfw-log .cfw-bot").First;
        await Expect(bubble).ToContainTextAsync("Our best mug");
        var image = bubble.Locator("img");
        await Expect(image).ToHaveAttributeAsync("src", "/test-image.png");
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('.cfw-bot img'); return i && i.complete && i.naturalWidth > 0; }");
        var link = bubble.Locator("a.cfw-btn");
        await Expect(link).ToHaveTextAsync("Website");
        await Expect(link).ToHaveAttributeAsync("href", "https://example.org/mug");
        await Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer");

        await bubble.Locator("button.cfw-btn").GetByText("Buy now").ClickAsync();

        await Expect(page.Locator(".cfw-log .cfw-bot").Last).ToHaveTextAsync("Added to your cart.");
        await Expect(page.Locator(".cfw-log .cfw-visitor").Last).ToHaveTextAsync("Buy now");
    }
}
