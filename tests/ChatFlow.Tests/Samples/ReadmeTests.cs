using ChatFlow;
using ChatFlow.Testing;

namespace ChatFlow.Tests.Samples;

/// <summary>The README's 15-line bot, kept here so that it always compiles and works.</summary>
public class ReadmeTests
{
    [Fact]
    public async Task ReadmeBot_TakesAnOrder()
    {
        var scenario = Scenario.Define("coffee", s =>
        {
            s.Always().OnCommand("start").GoTo("menu")
                .OnButton("Call an operator").Say("A barista will answer you here.").HandOff("asked for a human");
            s.Step("menu")
                .Say("Hi! What would you like?", Buttons.Rows(["Prices", "Order"], ["Call an operator"]))
                .OnButton("Prices").Say("Espresso 2 EUR, latte 3 EUR.").Stay()
                .OnButton("Order").GoTo("order");
            s.Form("order", f => f
                .Ask("drink", "Which drink?", Input.Choice("Espresso", "Latte"))
                .Ask("phone", "Your phone, to call you when it's ready?", Input.Phone())
                .SayWhenDone("Thanks! We'll call you.")
                .Then("menu"));
        });

        await using var t = new ChatTester(scenario);
        (await t.SendAsync("/start")).ShouldOfferButtons("Prices", "Order", "Call an operator");
        (await t.PressAsync("Prices")).ShouldReply("latte 3 EUR");
        (await t.PressAsync("Order")).ShouldOfferButtons("Espresso", "Latte");
        await t.PressAsync("Latte");
        (await t.ShareContactAsync("+44 20 7946 0958")).ShouldReply("Thanks! We'll call you.").ShouldBeAt("menu");
        t.ShouldHaveValue("drink", "Latte").ShouldHaveValue("phone", "+442079460958");
        (await t.PressAsync("Call an operator")).ShouldReply("A barista will answer you here.");
        Assert.Equal(ConversationMode.Operator, t.State!.Mode);
    }
}
